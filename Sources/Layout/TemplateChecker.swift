/// Checks what decoding cannot: styles that exist, widths that fill the page, spans that fit.
struct TemplateChecker {
    let template: Template
    let file: String

    /// Column widths may differ from the text block's width by this much (mm) before it is an error.
    static let widthTolerance = 0.5

    func check() throws(TemplateError) {
        let contentWidth = template.page.size.width - template.page.margins[1] - template.page.margins[3]
        if let footer = template.footer { try style(footer.style, at: "footer.style") }
        for (s, section) in template.sections.enumerated() {
            for (b, block) in section.blocks.enumerated() {
                let at = "sections[\(s)].blocks[\(b)]"
                switch block {
                case .text(let text):
                    try style(text.style, at: "\(at).style")
                case .spacer:
                    break
                case .qr(let qr):
                    try style(qr.style, at: "\(at).style")
                    if qr.size > contentWidth {
                        throw TemplateError(file: file, key: "\(at).size",
                                            message: "二维码边长 \(MeasureText.format(qr.size)) mm 超过版心宽 \(MeasureText.format(contentWidth)) mm")
                    }
                case .grid(let grid):
                    try widths(grid.columns, fill: contentWidth, at: "\(at).columns")
                    try checkGrid(grid, at: at)
                case .table(let table):
                    try widths(table.columns.map(\.width), fill: contentWidth, at: "\(at).columns")
                    try style(table.style, at: "\(at).style")
                    try style(table.headerStyle, at: "\(at).header_style")
                    for (name, row) in [("subtotal", table.subtotal), ("total", table.total)] {
                        guard let row else { continue }
                        for field in row.sum where !table.columns.contains(where: { $0.field == field }) {
                            throw TemplateError(file: file, key: "\(at).\(name).sum",
                                                message: "要合计的列 \(field) 不在表格的列中")
                        }
                        if table.columns.first?.field == row.sum.first {
                            throw TemplateError(file: file, key: "\(at).\(name).sum",
                                                message: "第一列需留给“\(row.label)”字样，不能参与合计")
                        }
                    }
                case .opinions(let opinions):
                    if !opinions.stacked {
                        try widths(opinions.boxes.map(\.width), fill: contentWidth, at: "\(at).boxes")
                    }
                    for (i, box) in opinions.boxes.enumerated() {
                        for (key, name) in [("label_style", box.labelStyle), ("text_style", box.textStyle),
                                            ("date_style", box.dateStyle)] {
                            try style(name, at: "\(at).boxes[\(i)].\(key)")
                        }
                        if box.seal.diameter + 4 > opinions.height {
                            throw TemplateError(file: file, key: "\(at).height",
                                                message: "意见栏高 \(opinions.height) mm，放不下直径 \(box.seal.diameter) mm 的印章")
                        }
                    }
                }
            }
        }
    }

    private func style(_ name: String, at key: String) throws(TemplateError) {
        guard template.styles[name] != nil else {
            throw TemplateError(file: file, key: key,
                                message: "样式 \(name) 未在 styles 中定义（已定义：\(template.styles.keys.sorted().joined(separator: "、"))）")
        }
    }

    private func widths(_ widths: [Double], fill contentWidth: Double, at key: String) throws(TemplateError) {
        let sum = widths.reduce(0, +)
        if abs(sum - contentWidth) > Self.widthTolerance || widths.contains(where: { $0 <= 0 }) {
            throw TemplateError(file: file, key: key,
                                message: "各列宽之和为 \(MeasureText.format(sum)) mm，应等于版心宽 \(MeasureText.format(contentWidth)) mm（且每列为正数）")
        }
    }

    private func checkGrid(_ grid: GridBlock, at key: String) throws(TemplateError) {
        do {
            _ = try GridPlan(grid: grid)
        } catch {
            throw TemplateError(file: file, key: "\(key).rows[\(error.row)].cells[\(error.cell)]", message: error.message)
        }
        for (r, row) in grid.rows.enumerated() {
            for (c, cell) in row.cells.enumerated() {
                try style(cell.style, at: "\(key).rows[\(r)].cells[\(c)].style")
            }
        }
    }
}
