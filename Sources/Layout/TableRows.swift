/// The rows of one repeating table, each made when it is read: a roster of 10,000 people is kept as
/// the compact entries it is made from, not as 10,000 dictionaries of strings.
public struct TableRows: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    public let count: Int
    /// How the rows' amounts are printed, in their cells and in the sums of a page (本页小计) and of
    /// the table (合计): one formatter, the data's own, so a sum reads exactly as its rows add up.
    public let amountFormat: (@Sendable (Double) -> String)?
    private let row: @Sendable (Int) -> TableRow
    /// Why rows could not be made, once one could not (their source failed); the document is then
    /// not laid out (`LayoutError.rowsUnavailable`).
    public let failure: (@Sendable () -> String?)?

    /// `count` rows, the `i`th made by `row(i)`; amounts printed with `amountFormat`; `failure`
    /// says, once rows have been made, whether one could not be.
    public init(count: Int, amountFormat: (@Sendable (Double) -> String)? = nil,
                failure: (@Sendable () -> String?)? = nil, row: @escaping @Sendable (Int) -> TableRow) {
        self.count = count
        self.amountFormat = amountFormat
        self.failure = failure
        self.row = row
    }

    public init(_ rows: [TableRow], amountFormat: (@Sendable (Double) -> String)? = nil) {
        self.init(count: rows.count, amountFormat: amountFormat) { rows[$0] }
    }

    public init(arrayLiteral rows: TableRow...) {
        self.init(rows)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(index: Int) -> TableRow { row(index) }

    /// What the cell of `field` prints in `row`: its text, or its amount formatted.
    func text(of field: String, in row: TableRow) -> String {
        if let text = row.text[field] { return text }
        if let amount = row.amounts[field], let amountFormat { return amountFormat(amount) }
        return ""
    }
}

/// One row of a table: the text of each field and, for the columns a table adds up, the amount
/// itself. Amounts travel as numbers so that sums are made from the values, not from printed text.
public struct TableRow: Sendable, ExpressibleByDictionaryLiteral {
    public var text: [String: String]
    public var amounts: [String: Double]

    public init(text: [String: String], amounts: [String: Double] = [:]) {
        self.text = text
        self.amounts = amounts
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(text: Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
