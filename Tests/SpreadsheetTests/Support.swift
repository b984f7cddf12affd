import Foundation
import Records
@testable import Spreadsheet
import TestSupport
import Testing

/// The example records and workbooks built around them: the template filled with the example's
/// people, or sheets of the layout with rows a test writes cell by cell.
enum Sheets {
    static let layout = WorkbookLayout()
    static let fixtures = Repository.root.appendingPathComponent("Tests/SpreadsheetTests/Fixtures")

    static var example: LoadedRecords {
        get throws { try RecordsLoader.load(contentsOf: Repository.example) }
    }

    /// `examples/example.json` written into the template by the template writer.
    static func filledTemplate() throws -> Data {
        let example = try self.example
        return try TemplateWorkbook.data(year: example.records.year, unit: example.records.unit,
                                         people: example.records.people.all())
    }

    /// The records of a workbook or CSV equal in content to the example: year, unit and every person.
    static func expectExample(_ loaded: LoadedRecords, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let example = try self.example
        #expect(loaded.records.year == example.records.year, sourceLocation: sourceLocation)
        #expect(loaded.records.unit == example.records.unit, sourceLocation: sourceLocation)
        #expect(try loaded.records.people.all() == example.records.people.all(), sourceLocation: sourceLocation)
        #expect(loaded.rejected.isEmpty, "\(loaded.rejected)", sourceLocation: sourceLocation)
        #expect(loaded.errors.isEmpty, "\(loaded.errors)", sourceLocation: sourceLocation)
    }

    static let unitRows: [[WorksheetXML.Cell?]] = [
        [.text("项目"), .text("内容")],
        [.text("单位名称"), .text("徐州市第一人民医院")],
        [.text("单位性质"), .text("事业单位")],
        [.text("主管部门"), .text("徐州市卫生和计划生育委员会")],
        [.text("审验年度"), .number("2016", .plain)],
    ]

    /// A person row of 人员: 公民身份号码, 姓名, 职称级别 where the template has them, the rest empty.
    static func person(_ id: WorksheetXML.Cell, name: String = "张卫东", level: String = "中级") -> [WorksheetXML.Cell?] {
        row(layout.personColumns, ["id_number": id, "name": .text(name), "level": .text(level)])
    }

    /// An activity row of 继续教育: a two-day 培训班 in June 2016, with `changes` by JSON key.
    static func activity(_ id: String = "320302198001011239",
                         _ changes: [String: WorksheetXML.Cell?] = [:]) -> [WorksheetXML.Cell?] {
        var cells: [String: WorksheetXML.Cell?] = [
            "id_number": .text(id), "start": .text("2016-06-06"), "end": .text("2016-06-07"),
            "content": .text("急危重症护理技术培训班"), "subject": .text("专业"), "kind": .text("高校、科研院所进修班、培训班、研修班"),
            "hours": .number("16", .plain), "params.days": .number("2", .plain),
        ]
        cells.merge(changes) { $1 }
        return row(layout.activityColumns, cells.compactMapValues { $0 })
    }

    static func row(_ columns: [Column], _ cells: [String: WorksheetXML.Cell]) -> [WorksheetXML.Cell?] {
        columns.map { cells[$0.key] }
    }

    /// A workbook of the layout's sheets with these rows under the template's headers.
    static func workbook(unit: [[WorksheetXML.Cell?]] = unitRows, people: [[WorksheetXML.Cell?]],
                         activities: [[WorksheetXML.Cell?]], extraHeaders: [String] = []) throws -> Data {
        var unitSheet = WorksheetXML(name: WorkbookLayout.unitSheet)
        unitSheet.rows = unit
        var peopleSheet = WorksheetXML(name: WorkbookLayout.peopleSheet)
        peopleSheet.rows = [layout.personColumns.map { .text($0.header) }] + people
        var activitySheet = WorksheetXML(name: WorkbookLayout.activitySheet)
        activitySheet.rows = [(layout.activityColumns.map(\.header) + extraHeaders).map { .text($0) }] + activities
        return try WorkbookWriter.data([unitSheet, peopleSheet, activitySheet])
    }

    static func load(_ data: Data, _ format: SpreadsheetFormat = .xlsx, fileName: String = "登记表.xlsx",
                     limits: SpreadsheetImport.Limits = .init()) throws -> LoadedRecords {
        try SpreadsheetImport.load(data, format: format, fileName: fileName, limits: limits)
    }

    /// Every problem as the clerk reads it: `继续教育!D2（结束日期）: …` (the file's list holds the people's too).
    static func lines(_ loaded: LoadedRecords) -> [String] { loaded.problems.map(\.description) }
}
