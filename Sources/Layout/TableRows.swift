/// The rows of one repeating table, each made when it is read: a roster of 10,000 people is kept as
/// the compact entries it is made from, not as 10,000 dictionaries of strings.
public struct TableRows: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    public let count: Int
    private let row: @Sendable (Int) -> [String: String]

    /// `count` rows, the `i`th made by `row(i)`.
    public init(count: Int, row: @escaping @Sendable (Int) -> [String: String]) {
        self.count = count
        self.row = row
    }

    public init(_ rows: [[String: String]]) {
        self.init(count: rows.count) { rows[$0] }
    }

    public init(arrayLiteral rows: [String: String]...) {
        self.init(rows)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(index: Int) -> [String: String] { row(index) }
}
