/// A document template as written under `templates/` (YAML). Lengths are millimetres, font sizes
/// points. Templates are data: a clerk's office can move a column or rename a label without a build.
public struct Template: Sendable, Decodable {
    /// Short ASCII name, e.g. `registration`.
    public var name: String
    /// The document title as printed, e.g. 徐州市专业技术人员继续教育电子登记表.
    public var title: String
    public var page: PageSpec
    /// Named text styles; blocks refer to them by name.
    public var styles: [String: TextStyle]
    /// The smallest size text may shrink to before it is an error (pt).
    public var minFontSize: Double
    /// Grid rule width (pt).
    public var lineWidth: Double
    /// Line height as a multiple of the font size.
    public var lineSpacing: Double
    /// Space between a cell's rules and its text (mm).
    public var cellPadding: Double
    /// Printed at the bottom of every page, e.g. "第 {page} 页 共 {pages} 页".
    public var footer: FooterSpec?
    /// Each section starts on a new page.
    public var sections: [Section]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, title, page, styles, footer, sections
        case minFontSize = "min_font_size", lineWidth = "line_width", lineSpacing = "line_spacing"
        case cellPadding = "cell_padding"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decode(String.self, forKey: .title)
        page = try c.decode(PageSpec.self, forKey: .page)
        styles = try c.decode([String: TextStyle].self, forKey: .styles)
        minFontSize = try c.decodeIfPresent(Double.self, forKey: .minFontSize) ?? 7
        lineWidth = try c.decodeIfPresent(Double.self, forKey: .lineWidth) ?? 0.75
        lineSpacing = try c.decodeIfPresent(Double.self, forKey: .lineSpacing) ?? 1.3
        cellPadding = try c.decodeIfPresent(Double.self, forKey: .cellPadding) ?? 1.2
        footer = try c.decodeIfPresent(FooterSpec.self, forKey: .footer)
        sections = try c.decode([Section].self, forKey: .sections)
    }
}

public struct PageSpec: Sendable, Decodable {
    /// Width and height in mm, after orientation.
    public var size: Size
    /// top, right, bottom, left (mm)
    public var margins: [Double]

    enum CodingKeys: String, CodingKey, CaseIterable { case size, orientation, margins }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var size: Size
        if let named = try? c.decode(String.self, forKey: .size) {
            guard let known = PageSpec.namedSizes[named] else {
                throw DecodingError.dataCorruptedError(
                    forKey: .size, in: c,
                    debugDescription: "unknown page size \"\(named)\"; use one of \(PageSpec.namedSizes.keys.sorted().joined(separator: ", ")) or [width, height] in mm")
            }
            size = known
        } else {
            let pair = try c.decode([Double].self, forKey: .size)
            guard pair.count == 2, pair.allSatisfy({ $0 > 0 }) else {
                throw DecodingError.dataCorruptedError(forKey: .size, in: c,
                    debugDescription: "size must be a name or [width, height] in mm")
            }
            size = Size(width: pair[0], height: pair[1])
        }
        let orientation = try c.decodeIfPresent(String.self, forKey: .orientation) ?? "portrait"
        switch orientation {
        case "portrait": break
        case "landscape": size = Size(width: size.height, height: size.width)
        default:
            throw DecodingError.dataCorruptedError(forKey: .orientation, in: c,
                debugDescription: "orientation must be portrait or landscape, not \"\(orientation)\"")
        }
        self.size = size
        margins = try c.decode([Double].self, forKey: .margins)
        guard margins.count == 4, margins.allSatisfy({ $0 >= 0 }) else {
            throw DecodingError.dataCorruptedError(forKey: .margins, in: c,
                debugDescription: "margins must be four lengths in mm: top, right, bottom, left")
        }
    }

    /// ISO A4 and A5, and the 32开 booklet of the certificate.
    static let namedSizes: [String: Size] = [
        "A4": Size(width: 210, height: 297),
        "A5": Size(width: 148, height: 210),
        "32K": Size(width: 130, height: 184),
    ]
}

public struct TextStyle: Sendable, Decodable {
    public var role: FontRole
    public var size: Double
    public var bold: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case role, size, bold }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(FontRole.self, forKey: .role)
        size = try c.decode(Double.self, forKey: .size)
        bold = try c.decodeIfPresent(Bool.self, forKey: .bold) ?? false
        guard size > 0, size <= 72 else {
            throw DecodingError.dataCorruptedError(forKey: .size, in: c, debugDescription: "font size must be between 0 and 72 pt")
        }
    }

    public var font: FontSpec { FontSpec(role: role, size: size, bold: bold) }
}

public struct FooterSpec: Sendable, Decodable {
    public var text: String
    public var style: String

    enum CodingKeys: String, CodingKey, CaseIterable { case text, style }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        style = try c.decode(String.self, forKey: .style)
    }
}

public struct Section: Sendable, Decodable {
    public var blocks: [Block]

    enum CodingKeys: String, CodingKey, CaseIterable { case blocks }

    public init(from decoder: any Decoder) throws {
        try decoder.onlyKeys(CodingKeys.self)
        blocks = try decoder.container(keyedBy: CodingKeys.self).decode([Block].self, forKey: .blocks)
    }
}

public enum HorizontalAlignment: String, Sendable, Decodable { case left, center, right }
public enum VerticalAlignment: String, Sendable, Decodable { case top, middle, bottom }
