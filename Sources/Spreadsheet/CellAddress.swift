/// A cell in Excel's terms: sheet, column letters, row number (`继续教育!F12`). Rows and columns count
/// from 1, as Excel shows them.
public struct CellAddress: Sendable, Hashable, CustomStringConvertible {
    public var sheet: String
    public var column: Int
    public var row: Int

    public init(sheet: String, column: Int, row: Int) {
        self.sheet = sheet
        self.column = column
        self.row = row
    }

    /// 1 → A, 26 → Z, 27 → AA.
    public static func letters(_ column: Int) -> String {
        var n = column, letters = ""
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// `F12` → column 6, row 12; nil for anything else.
    static func parse(_ reference: Substring) -> (column: Int, row: Int)? {
        var column = 0, row = 0, seenDigit = false
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !seenDigit:
                column = column * 26 + Int(byte - 64)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                row = row * 10 + Int(byte - 48)
            default:
                return nil
            }
            guard column <= 16_384, row <= 1_048_576 else { return nil }
        }
        return column > 0 && row > 0 ? (column, row) : nil
    }

    /// `继续教育!F12`
    public var description: String { "\(sheet)!\(Self.letters(column))\(row)" }
}
