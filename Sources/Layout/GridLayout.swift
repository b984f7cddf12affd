extension Composition {
    /// A grid of fixed rows: kept whole on one page.
    mutating func layoutGrid(_ grid: GridBlock) throws(LayoutError) {
        let heights = grid.rows.map { mm($0.height) }
        let total = heights.reduce(0, +)
        guard total <= flow.content.height else { throw .blockTooTall(template: template.name, block: "表格") }
        flow.ensure(total)
        let xs = grid.columns.reduce(into: [flow.content.x]) { $0.append($0.last! + mm($1)) }
        let ys = heights.reduce(into: [flow.cursor]) { $0.append($0.last! + $1) }
        // The template checker has accepted the spans, so planning cannot fail here.
        guard let plan = try? GridPlan(grid: grid) else { return }
        var previousLabel: (row: Int, text: String)?
        for placement in plan.placements {
            let cell = placement.cell
            let rect = Rect(x: xs[placement.column], y: ys[placement.row],
                            width: xs[placement.column + cell.span] - xs[placement.column],
                            height: ys[placement.row + cell.rowspan] - ys[placement.row])
            flow.addBox(rect)
            let source = cell.text ?? ""
            let label = previousLabel
            if !source.utf8.contains(UInt8(ascii: "{")) { previousLabel = (placement.row, source) }
            // Named after the label to its left when there is one: "姓名", else "第2行第3列".
            func name() -> String {
                label.flatMap { $0.row == placement.row ? $0.text : nil }
                    ?? "第\(placement.row + 1)行第\(placement.column + 1)列"
            }
            if let photoField = cell.photo, let path = data.images[photoField] {
                flow.add(.image(ImageItem(rect: rect.inset(dx: padding, dy: padding), path: path)))
                continue
            }
            flow.add(try cellText(try fill(source), font: style(cell.style), in: rect, align: cell.align,
                                  valign: cell.valign, field: Interpolation.fieldName(of: source), cell: name()))
        }
        flow.advance(total)
    }
}
