import Foundation

/// One worksheet part (`xl/worksheets/sheetN.xml`) → its non-empty rows, each handed over as it ends. Cell types as SpreadsheetML
/// defines them: `s` shared string, `inlineStr`, `str` (a formula's text), `b`, `e` (an error such as
/// #N/A, kept as its text), and numbers (no type, or `n`; dates are numbers too). A row or cell
/// without its `r` reference follows the previous one, as the format allows.
struct WorksheetParser {
    private let name: String
    private let sharedStrings: [String]
    private var lastRow = 0
    /// A shared-string index that is not in the table: the file is damaged.
    private(set) var badReference: String?

    private var row: SheetTable.Row?
    private var column = 0
    private var type = ""
    private var text = ""
    /// Inside `v`, or a `t` of an inline string: the characters that make the value.
    private var collecting = false
    private var value: String?

    private init(name: String, sharedStrings: [String]) {
        self.name = name
        self.sharedStrings = sharedStrings
    }

    /// The part's bytes come from `source` in pieces (`XMLReader.read`). Nil when it is not well-formed XML.
    static func parse<Failure: Error>(_ source: (_ feed: (UnsafeRawBufferPointer) -> Void) throws(Failure) -> Void,
                                      name: String, sharedStrings: [String],
                                      each: (SheetTable.Row) -> Void) throws(Failure) -> WorksheetParser? {
        var sheet = WorksheetParser(name: name, sharedStrings: sharedStrings)
        let parsed = try XMLReader.read(source) { event, reader in
            switch event {
            case .start(let element): sheet.start(element, reader)
            case .text(let characters): if sheet.collecting { sheet.text += characters }
            case .end(let element): if let row = sheet.end(element) { each(row) }
            }
        }
        return parsed ? sheet : nil
    }

    private mutating func start(_ element: String, _ reader: XMLReader) {
        switch element {
        case "row":
            let number = reader.attribute("r").flatMap(Int.init) ?? (lastRow + 1)
            lastRow = number
            row = SheetTable.Row(number: number, cells: [:])
            column = 0
        case "c":
            column = reader.attribute("r").flatMap { CellAddress.parse(Substring($0))?.column } ?? (column + 1)
            type = reader.attribute("t") ?? "n"
            value = nil
        case "v", "t":
            collecting = true
            text = ""
        default:
            break
        }
    }

    /// The row, when one with cells ends.
    private mutating func end(_ element: String) -> SheetTable.Row? {
        switch element {
        case "v":
            collecting = false
            value = text
        case "t":
            // Rich text of an inline string: the runs joined.
            collecting = false
            value = (value ?? "") + text
        case "c":
            guard let value, let content = content(value) else { return nil }
            row?.cells[column] = content
        case "row":
            defer { row = nil }
            if let row, !row.cells.isEmpty { return row }
        default:
            break
        }
        return nil
    }

    private mutating func content(_ value: String) -> CellContent? {
        switch type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                badReference = "\(name)!\(CellAddress.letters(column))\(row?.number ?? 0)"
                return nil
            }
            return sharedStrings[index].isEmpty ? nil : .text(sharedStrings[index])
        case "b":
            return .bool(value == "1")
        case "inlineStr", "str", "e":
            return value.isEmpty ? nil : .text(value)
        default:
            return value.isEmpty ? nil : .number(value)
        }
    }
}
