/// What a cell holds as the file stores it, before any reading of its meaning.
public enum CellContent: Sendable, Equatable {
    /// Text: a shared or inline string, a formula's text result, or a CSV field.
    case text(String)
    /// A number as written in the file (`24`, `42430`, `3.20302198001011E+17`): Excel keeps dates as
    /// serial numbers and IDs typed into a number cell as doubles of 15 significant digits.
    case number(String)
    case bool(Bool)
}

/// One sheet of a workbook (or one CSV file), only its non-empty cells, row by row in file order.
public struct SheetTable: Sendable {
    public struct Row: Sendable {
        /// As Excel numbers it (1 is the header row).
        public var number: Int
        /// Column number (1 = A) → content.
        public var cells: [Int: CellContent]
    }

    public var name: String
    public var rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }
}
