import Foundation

/// An .xlsx workbook → its sheets, by name, in the workbook's order. Only the sheets asked for are
/// parsed (the hidden list sheet of the template and any sheet of the clerk's own are skipped).
enum XLSXReader {
    static func read(_ data: Data, fileName: String, sheets wanted: Set<String>,
                     limit: Int) throws(ImportError) -> [SheetTable] {
        var parts = try WorkbookParts(data, fileName: fileName, limit: limit)
        let damaged = { (part: String) in ImportError.unusable(fileName, "工作簿结构已损坏（\(part) 无法解析）") }
        guard let workbook = try parts.read("xl/workbook.xml"),
              let sheets = XMLElements.attributes(of: "sheet", in: workbook) else {
            throw .unusable(fileName, "文件不是 Excel 工作簿（缺少 xl/workbook.xml）")
        }
        guard let relsData = try parts.read("xl/_rels/workbook.xml.rels"),
              let rels = XMLElements.attributes(of: "Relationship", in: relsData) else {
            throw damaged("xl/_rels/workbook.xml.rels")
        }
        var targets: [String: String] = [:]
        var sharedStringsPart = "xl/sharedStrings.xml"
        for rel in rels {
            guard let id = rel["Id"], let target = rel["Target"] else { continue }
            // Targets are relative to xl/, or absolute from the package root.
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            targets[id] = path
            if rel["Type"]?.hasSuffix("/sharedStrings") == true { sharedStringsPart = path }
        }
        var sharedStrings: [String] = []
        if let data = try parts.read(sharedStringsPart) {
            guard let strings = SharedStringsParser.parse(data) else { throw damaged(sharedStringsPart) }
            sharedStrings = strings
        }
        var tables: [SheetTable] = []
        for sheet in sheets {
            guard let name = sheet["name"], wanted.contains(name) else { continue }
            guard let id = sheet["r:id"] ?? sheet.first(where: { $0.key.hasSuffix(":id") })?.value,
                  let path = targets[id], let data = try parts.read(path) else { throw damaged("工作表 \(name)") }
            guard let parsed = WorksheetParser.parse(data, name: name, sharedStrings: sharedStrings) else {
                throw damaged(path)
            }
            if let bad = parsed.badReference { throw damaged("\(bad) 引用的共享字符串") }
            tables.append(SheetTable(name: name, rows: parsed.rows))
        }
        return tables
    }
}
