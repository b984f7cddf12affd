/// Turns a template and a document's data into pages: the only place that decides page breaks and
/// text fitting. Parse the template once and reuse the composer for every document.
public struct DocumentComposer {
    public let template: Template
    let fitter: TextFitter

    public init(template: Template, measurer: any TextMeasurer) {
        self.template = template
        fitter = TextFitter(measurer: measurer, lineSpacing: template.lineSpacing, floor: template.minFontSize)
    }

    /// The whole document in memory (the service's answers, the print job's pages).
    public func compose(_ data: DocumentData) throws(LayoutError) -> LaidOutDocument {
        var pages: [Page] = []
        try compose(data) { pages.append($0) }
        return LaidOutDocument(pages: pages, metadata: data.metadata)
    }

    /// How many pages are held back while a document whose footer shows the number of pages is laid
    /// out: a person's documents (one to a few pages) are laid out once; only a longer one, a unit's
    /// 附件2 of hundreds of pages, is laid out twice (the second time finds its text shaped already)
    /// rather than held whole in memory.
    public static let heldPages = 16

    /// Lays the document out a page at a time, each page handed to `each` with its footer as soon as
    /// its number of pages is known, and then dropped. Returns the number of pages.
    @discardableResult
    public func compose(_ data: DocumentData, each: (Page) -> Void) throws(LayoutError) -> Int {
        try checkGlyphs(data)
        // A footer fails only on a field it names, the same on every page: found here, once.
        _ = try footerText(page: 1, of: 1, data: data)
        let needsCount = template.footer?.text.contains("{pages}") ?? false
        var held: [Page] = []
        var count = 0
        try withoutActuallyEscaping(each) { each throws(LayoutError) in
            try layOut(data) { page in
                count += 1
                if !needsCount {
                    each(withFooter(page, number: count, of: 0, data: data))
                } else if count <= Self.heldPages {
                    held.append(page)
                } else {
                    held = []
                }
            }
            guard needsCount else { return }
            if count <= Self.heldPages {
                for (index, page) in held.enumerated() { each(withFooter(page, number: index + 1, of: count, data: data)) }
                return
            }
            var number = 0
            try layOut(data) { page in
                number += 1
                each(withFooter(page, number: number, of: count, data: data))
            }
        }
        // Rows that could not be made came out blank: the pages handed out are not to be kept.
        for table in data.tables.values {
            if let message = table.failure?() { throw .rowsUnavailable(subject: data.subject, message: message) }
        }
        return count
    }

    /// The footer's text was checked before layout began, so it cannot fail here.
    private func withFooter(_ page: Page, number: Int, of pages: Int, data: DocumentData) -> Page {
        var page = page
        page.items += (try? footer(page: number, of: pages, size: page.size, data: data)) ?? []
        return page
    }

    private func layOut(_ data: DocumentData, _ finished: @escaping (Page) -> Void) throws(LayoutError) {
        var composition = Composition(template: template, fitter: fitter, data: data, finished: finished)
        for section in template.sections {
            composition.flow.newPage()
            for block in section.blocks {
                try composition.layout(block)
            }
        }
        composition.flow.finish()
    }

    /// Every character the data brings must have a glyph in some configured font: a box (tofu) in
    /// a certificate is an error before anything is written, naming the character and the field.
    private func checkGlyphs(_ data: DocumentData) throws(LayoutError) {
        // Sorted keys, so that the first error reported is the same from run to run.
        for key in data.fields.keys.sorted() {
            let missing = fitter.measurer.missingCharacters(in: data.fields[key]!)
            if !missing.isEmpty { throw .missingGlyphs(subject: data.subject, field: key, characters: missing) }
        }
        for name in data.tables.keys.sorted() {
            for (index, row) in data.tables[name]!.enumerated() {
                for key in row.text.keys.sorted() {
                    let missing = fitter.measurer.missingCharacters(in: row.text[key]!)
                    if !missing.isEmpty {
                        throw .missingGlyphs(subject: data.subject, field: "\(name)[\(index)].\(key)", characters: missing)
                    }
                }
            }
        }
    }

    /// The footer of page `page` of `pages` (e.g. 第 2 页 共 5 页), centred in the bottom margin.
    private func footer(page: Int, of pages: Int, size: Size, data: DocumentData) throws(LayoutError) -> [DisplayItem] {
        guard let footer = template.footer, let style = template.styles[footer.style],
              let text = try footerText(page: page, of: pages, data: data) else { return [] }
        let bottomMargin = mm(template.page.margins[2])
        let band = Rect(x: 0, y: size.height - bottomMargin, width: size.width, height: bottomMargin)
        let fitted = FittedText(lines: fitter.wrap(text, font: style.font, width: band.width),
                                font: style.font, lineHeight: fitter.lineHeight(for: style.font))
        return fitter.place(fitted, in: band, align: .center, valign: .middle).map(DisplayItem.text)
    }

    private func footerText(page: Int, of pages: Int, data: DocumentData) throws(LayoutError) -> String? {
        guard let footer = template.footer else { return nil }
        return try Interpolation.fill(footer.text, fields: data.fields, extra: ["page": String(page), "pages": String(pages)],
                                      templateName: template.name)
    }
}

/// The state of one document being laid out.
struct Composition {
    let template: Template
    let fitter: TextFitter
    let data: DocumentData
    var flow: PageFlow

    init(template: Template, fitter: TextFitter, data: DocumentData, finished: @escaping (Page) -> Void) {
        self.template = template
        self.fitter = fitter
        self.data = data
        flow = PageFlow(template: template, finished: finished)
    }

    var padding: Double { mm(template.cellPadding) }

    func style(_ name: String) -> FontSpec { template.styles[name]!.font }

    func fill(_ text: String, extra: [String: String] = [:]) throws(LayoutError) -> String {
        try Interpolation.fill(text, fields: data.fields, extra: extra, templateName: template.name)
    }

    /// Text fitted into a ruled cell, or the error that names the person, the field and the cell.
    /// `field` and `cell` name the text in an error; they are only built when one is thrown.
    func cellText(_ text: String, font: FontSpec, in rect: Rect, align: HorizontalAlignment,
                  valign: VerticalAlignment, field: @autoclosure () -> String,
                  cell: @autoclosure () -> String) throws(LayoutError) -> [TextItem] {
        guard !text.isEmpty else { return [] }
        let box = rect.inset(dx: padding, dy: padding)
        return fitter.place(try fitted(text, font: font, in: box, field: field(), cell: cell()), in: box, align: align,
                            valign: valign)
    }

    /// Text set into `box`, shrinking down to the floor, or the error that names the person, the field
    /// and the cell (built only when it is thrown).
    func fitted(_ text: String, font: FontSpec, in box: Rect, field: @autoclosure () -> String,
                cell: @autoclosure () -> String) throws(LayoutError) -> FittedText {
        guard let fitted = fitter.fit(text, font: font, in: Size(width: box.width, height: box.height)) else {
            throw .doesNotFit(subject: data.subject, field: field(), cell: cell(), text: text, floor: template.minFontSize)
        }
        return fitted
    }

    mutating func layout(_ block: Block) throws(LayoutError) {
        switch block {
        case .spacer(let height):
            flow.ensure(mm(height))
            flow.advance(mm(height))
        case .text(let text):
            let height = mm(text.height)
            flow.ensure(height)
            let rect = Rect(x: flow.content.x, y: flow.cursor, width: flow.content.width, height: height)
            let value = try fill(text.text)
            flow.add(try cellText(value, font: style(text.style), in: rect, align: text.align, valign: .middle,
                                  field: Interpolation.fieldName(of: text.text), cell: "标题"))
            flow.advance(height)
        case .grid(let grid):
            try layoutGrid(grid)
        case .table(let table):
            try layoutTable(table)
        case .opinions(let opinions):
            try layoutOpinions(opinions)
        case .qr(let qr):
            try layoutQR(qr)
        }
    }
}
