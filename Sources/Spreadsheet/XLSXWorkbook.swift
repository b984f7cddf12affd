import Foundation

/// An .xlsx workbook opened: its sheets by name, the shared strings read. A sheet is read when asked
/// for, whole (`table`) or a row at a time (`rows`: the long sheet 继续教育 never sits in memory as cells).
struct XLSXWorkbook {
    private var parts: WorkbookParts
    private let fileName: String
    /// Sheet name → its part (`xl/worksheets/sheet3.xml`), in the workbook's order.
    let sheets: [(name: String, part: String)]
    private let sharedStrings: [String]

    init(_ data: Data, fileName: String, limit: Int) throws(ImportError) {
        self.fileName = fileName
        parts = try WorkbookParts(data, fileName: fileName, limit: limit)
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
        self.sheets = sheets.compactMap { sheet in
            guard let name = sheet["name"],
                  let id = sheet["r:id"] ?? sheet.first(where: { $0.key.hasSuffix(":id") })?.value,
                  let part = targets[id] else { return nil }
            return (name, part)
        }
        var strings: [String] = []
        if let data = try parts.read(sharedStringsPart) {
            guard let parsed = SharedStringsParser.parse(data) else { throw damaged(sharedStringsPart) }
            strings = parsed
        }
        sharedStrings = strings
    }

    func has(_ name: String) -> Bool { sheets.contains { $0.name == name } }

    /// Every non-empty row of the sheet, in file order, handed over as it is parsed while the part is
    /// inflated: neither the sheet's XML nor its cells are ever held whole.
    mutating func rows(of name: String, _ each: (SheetTable.Row) -> Void) throws(ImportError) {
        let unreadable = ImportError.unusable(fileName, "工作簿结构已损坏（工作表 \(name) 无法读取）")
        guard let part = sheets.first(where: { $0.name == name })?.part else { throw unreadable }
        var found = false
        let parsed = try WorksheetParser.parse({ (feed) throws(ImportError) in found = try parts.stream(part, feed) },
                                               name: name, sharedStrings: sharedStrings, each: each)
        guard found else { throw unreadable }
        guard let parsed else { throw .unusable(fileName, "工作簿结构已损坏（\(part) 无法解析）") }
        if let bad = parsed.badReference { throw .unusable(fileName, "工作簿结构已损坏（\(bad) 引用的共享字符串不存在）") }
    }

    /// The sheet whole: for the short sheets 单位 and 人员.
    mutating func table(_ name: String) throws(ImportError) -> SheetTable {
        var rows: [SheetTable.Row] = []
        try self.rows(of: name) { rows.append($0) }
        return SheetTable(name: name, rows: rows)
    }
}
