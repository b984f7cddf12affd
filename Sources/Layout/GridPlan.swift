/// Where each cell of a grid goes: cells fill the free slots of their row left to right, skipping
/// slots taken by a cell spanning down from a row above (HTML table rules).
struct GridPlan {
    struct Placement {
        var row: Int
        var column: Int
        var cell: Cell
    }

    struct SpanError: Error {
        var row: Int
        var cell: Int
        var message: String
    }

    let placements: [Placement]

    init(grid: GridBlock) throws(SpanError) {
        let columns = grid.columns.count
        var taken = Array(repeating: Array(repeating: false, count: columns), count: grid.rows.count)
        var placements: [Placement] = []
        for (r, row) in grid.rows.enumerated() {
            var c = 0
            for (i, cell) in row.cells.enumerated() {
                while c < columns && taken[r][c] { c += 1 }
                guard c + cell.span <= columns else {
                    throw SpanError(row: r, cell: i, message: "单元格超出了 \(columns) 列的范围")
                }
                guard r + cell.rowspan <= grid.rows.count else {
                    throw SpanError(row: r, cell: i, message: "rowspan \(cell.rowspan) 超出了表格的行数")
                }
                for rr in r..<(r + cell.rowspan) {
                    for cc in c..<(c + cell.span) {
                        guard !taken[rr][cc] else {
                            throw SpanError(row: r, cell: i, message: "与上方跨行的单元格重叠")
                        }
                        taken[rr][cc] = true
                    }
                }
                placements.append(Placement(row: r, column: c, cell: cell))
                c += cell.span
            }
            if let free = taken[r].firstIndex(of: false) {
                throw SpanError(row: r, cell: row.cells.count, message: "这一行少了单元格（第 \(free + 1) 列空缺）")
            }
        }
        self.placements = placements
    }
}
