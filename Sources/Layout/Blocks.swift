/// The kinds of block a section stacks from top to bottom.
public enum Block: Sendable, Decodable {
    /// A line of text across the page (the title, a subtitle).
    case text(TextBlock)
    /// Ruled rows of fixed height (person block, totals).
    case grid(GridBlock)
    /// Rows repeated for each entry of a collection, flowing across pages.
    case table(TableBlock)
    /// The opinion boxes with their seal slots.
    case opinions(OpinionsBlock)
    /// A QR code (the result sheet's verification link) with its caption.
    case qr(QRBlock)
    /// Empty space.
    case spacer(height: Double)

    enum CodingKeys: String, CodingKey, CaseIterable { case type, height }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        // Each kind takes its own keys besides `type`.
        switch type {
        case "text":
            try decoder.onlyKeys(TextBlock.CodingKeys.self, and: ["type"])
            self = .text(try TextBlock(from: decoder))
        case "grid":
            try decoder.onlyKeys(GridBlock.CodingKeys.self, and: ["type"])
            self = .grid(try GridBlock(from: decoder))
        case "table":
            try decoder.onlyKeys(TableBlock.CodingKeys.self, and: ["type"])
            self = .table(try TableBlock(from: decoder))
        case "opinions":
            try decoder.onlyKeys(OpinionsBlock.CodingKeys.self, and: ["type"])
            self = .opinions(try OpinionsBlock(from: decoder))
        case "qr":
            try decoder.onlyKeys(QRBlock.CodingKeys.self, and: ["type"])
            self = .qr(try QRBlock(from: decoder))
        case "spacer":
            try decoder.onlyKeys(CodingKeys.self)
            self = .spacer(height: try c.decode(Double.self, forKey: .height))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                debugDescription: "unknown block type \"\(type)\"; use text, grid, table, opinions, qr or spacer")
        }
    }
}

public struct TextBlock: Sendable, Decodable {
    /// Literal text; `{field}` is replaced from the document's data.
    public var text: String
    public var style: String
    /// Height of the band (mm).
    public var height: Double
    public var align: HorizontalAlignment

    enum CodingKeys: String, CodingKey, CaseIterable { case text, style, height, align }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        style = try c.decode(String.self, forKey: .style)
        height = try c.decode(Double.self, forKey: .height)
        align = try c.decodeIfPresent(HorizontalAlignment.self, forKey: .align) ?? .center
    }
}

public struct GridBlock: Sendable, Decodable {
    /// Column widths (mm); they must fill the page between the margins.
    public var columns: [Double]
    public var rows: [GridRow]

    enum CodingKeys: String, CodingKey, CaseIterable { case columns, rows }
}

public struct GridRow: Sendable, Decodable {
    /// mm
    public var height: Double
    public var cells: [Cell]

    enum CodingKeys: String, CodingKey, CaseIterable { case height, cells }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        height = try c.decode(Double.self, forKey: .height)
        cells = try c.decode([Cell].self, forKey: .cells)
    }
}

/// A cell of a grid: a label or a field, spanning columns and rows.
public struct Cell: Sendable, Decodable {
    /// Literal text with `{field}` placeholders, or nil for an empty cell.
    public var text: String?
    public var style: String
    public var align: HorizontalAlignment
    public var valign: VerticalAlignment
    public var span: Int
    public var rowspan: Int
    /// A photo frame: draws the image named by this field when the data has one, else the text.
    public var photo: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case text, field, style, align, valign, span, rowspan, photo }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let field = try c.decodeIfPresent(String.self, forKey: .field) {
            text = "{\(field)}"
        } else {
            text = try c.decodeIfPresent(String.self, forKey: .text)
        }
        style = try c.decodeIfPresent(String.self, forKey: .style) ?? "body"
        align = try c.decodeIfPresent(HorizontalAlignment.self, forKey: .align) ?? .center
        valign = try c.decodeIfPresent(VerticalAlignment.self, forKey: .valign) ?? .middle
        span = try c.decodeIfPresent(Int.self, forKey: .span) ?? 1
        rowspan = try c.decodeIfPresent(Int.self, forKey: .rowspan) ?? 1
        photo = try c.decodeIfPresent(String.self, forKey: .photo)
        guard span >= 1, rowspan >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .span, in: c, debugDescription: "span and rowspan must be at least 1")
        }
    }
}

public struct TableBlock: Sendable, Decodable {
    /// The collection of the document's data whose entries make the rows.
    public var source: String
    public var columns: [TableColumn]
    /// mm
    public var headerHeight: Double
    /// mm; rows grow to fit wrapped text.
    public var rowHeight: Double
    /// A row taller than this (mm) shrinks its text instead of growing further.
    public var maxRowHeight: Double
    public var headerStyle: String
    public var style: String
    /// Printed above the repeated header on continuation pages, e.g. "续表".
    public var caption: String?
    /// Blank rows drawn after the data so a short form still looks like the form.
    public var minRows: Int
    /// 本页小计: sums of these columns on each page.
    public var subtotal: SumRow?
    /// 合计: sums over all rows, after the last.
    public var total: SumRow?
    /// Printed once when the collection is empty.
    public var emptyText: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case source, columns, caption, subtotal, total, style
        case headerHeight = "header_height", rowHeight = "row_height", maxRowHeight = "max_row_height"
        case headerStyle = "header_style", minRows = "min_rows", emptyText = "empty_text"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        columns = try c.decode([TableColumn].self, forKey: .columns)
        headerHeight = try c.decode(Double.self, forKey: .headerHeight)
        rowHeight = try c.decode(Double.self, forKey: .rowHeight)
        maxRowHeight = try c.decodeIfPresent(Double.self, forKey: .maxRowHeight) ?? 60
        headerStyle = try c.decodeIfPresent(String.self, forKey: .headerStyle) ?? "label"
        style = try c.decodeIfPresent(String.self, forKey: .style) ?? "body"
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        minRows = try c.decodeIfPresent(Int.self, forKey: .minRows) ?? 0
        subtotal = try c.decodeIfPresent(SumRow.self, forKey: .subtotal)
        total = try c.decodeIfPresent(SumRow.self, forKey: .total)
        emptyText = try c.decodeIfPresent(String.self, forKey: .emptyText)
    }
}

public struct TableColumn: Sendable, Decodable {
    public var header: String
    /// mm
    public var width: Double
    /// The key of the row's value.
    public var field: String
    public var align: HorizontalAlignment

    enum CodingKeys: String, CodingKey, CaseIterable { case header, width, field, align }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = try c.decode(String.self, forKey: .header)
        width = try c.decode(Double.self, forKey: .width)
        field = try c.decode(String.self, forKey: .field)
        align = try c.decodeIfPresent(HorizontalAlignment.self, forKey: .align) ?? .center
    }
}

/// A row of sums (本页小计, 合计): the label spans the columns before the first summed one.
public struct SumRow: Sendable, Decodable {
    public var label: String
    /// Fields of the columns to add up.
    public var sum: [String]

    enum CodingKeys: String, CodingKey, CaseIterable { case label, sum }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        sum = try c.decode([String].self, forKey: .sum)
    }
}

public struct OpinionsBlock: Sendable, Decodable {
    /// mm
    public var height: Double
    public var boxes: [OpinionBox]
    /// Placed side by side (the forms) or one under the other (a narrow page).
    public var stacked: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case height, boxes, stacked }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        height = try c.decode(Double.self, forKey: .height)
        boxes = try c.decode([OpinionBox].self, forKey: .boxes)
        stacked = try c.decodeIfPresent(Bool.self, forKey: .stacked) ?? false
    }
}

/// 单位意见 / 年审机构意见: a label, the opinion text, a date line and a seal slot 骑年盖月 over it.
public struct OpinionBox: Sendable, Decodable {
    public var label: String
    /// mm of the label column.
    public var labelWidth: Double
    /// mm; side-by-side boxes must fill the page width together.
    public var width: Double
    /// The opinion text with `{field}` placeholders.
    public var text: String
    /// A line under the opinion, in its own style, with `{field}` placeholders: the agency's serial
    /// (审验编号), a printed registry number rather than words in the opinion's hand. Empty: none.
    public var note: String
    /// The date with `{field}` placeholders; an empty date prints as 年　月　日.
    public var date: String
    public var labelStyle: String
    public var textStyle: String
    public var noteStyle: String
    public var dateStyle: String
    public var seal: SealSpec

    enum CodingKeys: String, CodingKey, CaseIterable {
        case label, width, text, note, date, seal
        case labelWidth = "label_width", labelStyle = "label_style", textStyle = "text_style", noteStyle = "note_style"
        case dateStyle = "date_style"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        labelWidth = try c.decode(Double.self, forKey: .labelWidth)
        width = try c.decode(Double.self, forKey: .width)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        date = try c.decodeIfPresent(String.self, forKey: .date) ?? ""
        labelStyle = try c.decodeIfPresent(String.self, forKey: .labelStyle) ?? "label"
        textStyle = try c.decodeIfPresent(String.self, forKey: .textStyle) ?? "opinion"
        noteStyle = try c.decodeIfPresent(String.self, forKey: .noteStyle) ?? "body"
        dateStyle = try c.decodeIfPresent(String.self, forKey: .dateStyle) ?? "body"
        seal = try c.decode(SealSpec.self, forKey: .seal)
    }
}

public struct SealSpec: Sendable, Decodable {
    public var owner: SealSlot.Owner
    /// "（公章）" or "（审验印章）"
    public var label: String
    /// mm; 42 by default, at most 45.
    public var diameter: Double

    enum CodingKeys: String, CodingKey, CaseIterable { case owner, label, diameter }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        owner = try c.decode(SealSlot.Owner.self, forKey: .owner)
        label = try c.decode(String.self, forKey: .label)
        diameter = try c.decodeIfPresent(Double.self, forKey: .diameter) ?? 42
        guard diameter > 0, diameter <= 45 else {
            throw DecodingError.dataCorruptedError(forKey: .diameter, in: c,
                debugDescription: "a seal is at most 45 mm across, not \(diameter)")
        }
    }
}

/// A QR code from the document's data, a square of `size` mm (quiet zone included), and caption
/// lines under it.
public struct QRBlock: Sendable, Decodable {
    /// The name of the code in the document's data, e.g. `verification`.
    public var code: String
    /// mm, the side of the square with its quiet zone.
    public var size: Double
    /// Text under the code with `{field}` placeholders; `\n` starts a new line.
    public var caption: String?
    public var style: String
    public var align: HorizontalAlignment

    enum CodingKeys: String, CodingKey, CaseIterable { case code, size, caption, style, align }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        size = try c.decode(Double.self, forKey: .size)
        caption = try c.decodeIfPresent(String.self, forKey: .caption)
        style = try c.decodeIfPresent(String.self, forKey: .style) ?? "body"
        align = try c.decodeIfPresent(HorizontalAlignment.self, forKey: .align) ?? .center
        // A signed URL takes about 57 modules across with the quiet zone: under 20 mm a module is
        // under 0.35 mm, finer than office printers and phone cameras handle reliably.
        guard size >= 20 else {
            throw DecodingError.dataCorruptedError(forKey: .size, in: c,
                debugDescription: "a QR code needs at least 20 mm to scan, not \(size)")
        }
    }
}
