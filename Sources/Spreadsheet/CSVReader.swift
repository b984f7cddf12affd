import Foundation

/// A CSV file → one sheet named after the file (`登记表.csv`), as RFC 4180 and Excel write it: fields
/// separated by commas, quoted with `"` when they hold commas, quotes (doubled) or line breaks; lines
/// ended by CRLF or LF. Every field is text: a CSV has no cell types, so an ID number Excel showed as
/// `3.20302E+17` was saved as that text, and the ID reader reports it.
enum CSVReader {
    static func read(_ data: Data, fileName: String) throws(ImportError) -> SheetTable {
        guard let (text, _) = TextDecoding.decode(data) else {
            throw .unusable(fileName, "无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB 18030）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
        }
        var rows: [SheetTable.Row] = []
        var cells: SheetTable.Cells = [:]
        var field = ""
        // Excel shows each record on one row, a quoted line break included: rows count records.
        var column = 1, record = 1
        var quoted = false, wasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            if !field.isEmpty { cells[column] = .text(field) }
            field = ""
            column += 1
            wasQuoted = false
        }
        func endRow() {
            endField()
            if !cells.isEmpty { rows.append(SheetTable.Row(number: record, cells: cells)) }
            cells = [:]
            column = 1
            record += 1
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case ",":
                endField()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRow()
            case "\n":
                endRow()
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw .unusable(fileName, "第 \(record) 行的引号没有配对（缺少结尾的 \"），文件可能被截断") }
        endRow()
        return SheetTable(name: fileName, rows: rows)
    }
}
