/// The workbook's shared-string table (`xl/sharedStrings.xml`): each distinct text once, cells refer
/// to it by index. Smaller than inline strings, as repeated providers and contents are common, and
/// what Excel and LibreOffice write themselves.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private(set) var strings: [String] = []
    private(set) var references = 0

    mutating func index(_ text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        indices[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    var xml: String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for text in strings {
            // Blanks at either end are kept only when the element says so.
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            out += (preserve ? #"<si><t xml:space="preserve">"# : "<si><t>") + WorksheetXML.escape(text) + "</t></si>"
        }
        return out + "</sst>"
    }
}

/// One worksheet of a workbook being written, as SpreadsheetML (ECMA-376 part 1, §18.3): columns with
/// widths and default styles, rows of shared-string and number cells, a frozen header row, and list
/// validations (the drop-downs). Elements in the order the schema requires, or Excel repairs the file.
struct WorksheetXML {
    /// The cell formats of `styles.xml` (`WorkbookWriter.styles`), by index.
    enum Style: Int {
        case plain = 0
        case header = 1
        /// 文本 (numFmt 49 "@"): what is typed stays text, so an ID number keeps its 18 digits.
        case text = 2
        case date = 3
        case wrapped = 4
    }

    enum Cell {
        case text(String)
        /// A number literal; `style` gives dates their format.
        case number(String, Style)
    }

    struct ListValidation {
        /// `G2:G5000`
        var range: String
        /// `'选项'!$A$2:$A$4`
        var source: String
    }

    var name: String
    var hidden = false
    /// Width in characters and the style of cells typed later.
    var columns: [(width: Double, style: Style)] = []
    var rows: [[Cell?]] = []
    /// The first row is the header: bold, and frozen so that it stays in view.
    var header = true
    var validations: [ListValidation] = []

    /// - Parameter strings: the workbook's shared-string table, which this sheet's text adds to.
    func xml(selected: Bool, strings: inout SharedStrings) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        out += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += #"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">"
        if header {
            out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        out += "</sheetView></sheetViews>"
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !columns.isEmpty {
            out += "<cols>"
            for (i, column) in columns.enumerated() {
                out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(column.width)" style="\#(column.style.rawValue)" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in rows.enumerated() {
            out += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                guard let cell else { continue }
                let reference = CellAddress.letters(c + 1) + String(r + 1)
                switch cell {
                case .text(let text):
                    // Text needs no style of its own but the header's bold: the column's applies to what is typed later.
                    let style = header && r == 0 ? #" s="\#(Style.header.rawValue)""# : ""
                    out += #"<c r="\#(reference)"\#(style) t="s"><v>\#(strings.index(text))</v></c>"#
                case .number(let literal, let style):
                    out += #"<c r="\#(reference)" s="\#(style.rawValue)"><v>\#(literal)</v></c>"#
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if !validations.isEmpty {
            out += #"<dataValidations count="\#(validations.count)">"#
            for validation in validations {
                out += #"<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="\#(validation.range)">"#
                out += "<formula1>\(Self.escape(validation.source))</formula1></dataValidation>"
            }
            out += "</dataValidations>"
        }
        out += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        out += "</worksheet>"
        return out
    }

    /// XML text: the five markup characters escaped, and characters XML 1.0 cannot hold (most C0
    /// controls) left out.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
