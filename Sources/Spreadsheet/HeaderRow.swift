import Records

/// The header row of a sheet: the first row with anything in it. Each header is matched to a column
/// of the layout; a header the layout does not know is an extra column, reported (a warning: the clerk's
/// own notes do no harm) and not read.
struct HeaderRow {
    let number: Int
    let columns: [Int: Column]
    /// The columns left to right: the order a row's values are written in.
    let ordered: [(position: Int, column: Column)]
    let extras: [RecordsProblem]

    init?(_ table: SheetTable, layout columns: [Column]) {
        guard let first = table.rows.first else { return nil }
        number = first.number
        var found: [Int: Column] = [:], extras: [RecordsProblem] = []
        for (position, content) in first.cells.entries.sorted(by: { $0.key < $1.key }) {
            let header = CellText.trim(CellReader.text(content))
            let address = CellAddress(sheet: table.name, column: position, row: first.number)
            if let column = columns.first(where: { $0.matches(header) }) {
                if found.values.contains(where: { $0.name == column.name }) {
                    extras.append(RecordsProblem(severity: .warning, path: "$", message: "“\(header)”列重复，只读取第一列",
                                                 place: "\(address)（\(header)）"))
                } else {
                    found[position] = column
                }
            } else if !header.isEmpty {
                extras.append(RecordsProblem(severity: .warning, path: "$",
                                             message: "多出的列“\(header)”不属于登记表，未读取；如是有用的信息，请放到对应的列中",
                                             place: "\(address)（\(header)）"))
            }
        }
        self.columns = found
        ordered = found.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.extras = extras
    }

    private init(number: Int, columns: [Int: Column]) {
        self.number = number
        self.columns = columns
        ordered = columns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        extras = []
    }

    /// The same row with only some of its columns (the CSV layout reads a row's person and activity apart).
    func only(_ columns: [Int: Column]) -> HeaderRow { HeaderRow(number: number, columns: columns) }

    /// The data rows: every row below the header.
    func rows(of table: SheetTable) -> ArraySlice<SheetTable.Row> { table.rows.dropFirst() }

    func position(of key: String) -> Int? { columns.first { $0.value.key == key }?.key }
}
