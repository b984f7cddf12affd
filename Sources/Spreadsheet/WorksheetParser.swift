import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One worksheet part (`xl/worksheets/sheetN.xml`) → its non-empty rows, each handed over as it ends. Cell types as SpreadsheetML
/// defines them: `s` shared string, `inlineStr`, `str` (a formula's text), `b`, `e` (an error such as
/// #N/A, kept as its text), and numbers (no type, or `n`; dates are numbers too). A row or cell
/// without its `r` reference follows the previous one, as the format allows.
final class WorksheetParser: NSObject, XMLParserDelegate {
    private let name: String
    private let sharedStrings: [String]
    /// Each non-empty row as it ends.
    private let each: (SheetTable.Row) -> Void
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

    init(name: String, sharedStrings: [String], each: @escaping (SheetTable.Row) -> Void) {
        self.name = name
        self.sharedStrings = sharedStrings
        self.each = each
    }

    static func parse(_ data: Data, name: String, sharedStrings: [String],
                      each: @escaping (SheetTable.Row) -> Void) -> WorksheetParser? {
        let delegate = WorksheetParser(name: name, sharedStrings: sharedStrings, each: each)
        // From a stream: given the data whole, Foundation hands libxml2 a single chunk, which fails past 10 MB.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        return parser.parse() ? delegate : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "row":
            let number = attributeDict["r"].flatMap(Int.init) ?? (lastRow + 1)
            lastRow = number
            row = SheetTable.Row(number: number, cells: [:])
            column = 0
        case "c":
            column = attributeDict["r"].flatMap { CellAddress.parse(Substring($0))?.column } ?? (column + 1)
            type = attributeDict["t"] ?? "n"
            value = nil
        case "v", "t":
            collecting = true
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        switch localName(elementName) {
        case "v":
            collecting = false
            value = text
        case "t":
            // Rich text of an inline string: the runs joined.
            collecting = false
            value = (value ?? "") + text
        case "c":
            guard let value, let content = content(value) else { return }
            row?.cells[column] = content
        case "row":
            if let row, !row.cells.isEmpty { each(row) }
            row = nil
        default:
            break
        }
    }

    private func content(_ value: String) -> CellContent? {
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
