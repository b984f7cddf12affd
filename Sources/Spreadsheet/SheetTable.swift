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
        public var cells: Cells
    }

    /// A row's cells by column number (1 = A), in file order: a short array searched in place, as a row
    /// has a few dozen cells at most and a sheet may have 60,000 rows (a dictionary a row cost a
    /// hundred MB there).
    public struct Cells: Sendable, ExpressibleByDictionaryLiteral {
        public private(set) var entries: [(key: Int, value: CellContent)] = []

        public init(dictionaryLiteral elements: (Int, CellContent)...) {
            for (key, value) in elements { self[key] = value }
        }

        public subscript(column: Int) -> CellContent? {
            get { entries.first { $0.key == column }?.value }
            set {
                if let index = entries.firstIndex(where: { $0.key == column }) {
                    if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
                } else if let newValue {
                    entries.append((column, newValue))
                }
            }
        }

        public var isEmpty: Bool { entries.isEmpty }
        public var values: [CellContent] { entries.map(\.value) }
    }

    public var name: String
    public var rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }
}
