import Foundation
import Records
@testable import Spreadsheet
import TestSupport
import Testing
import ZIPFoundation

/// The template filled with the example's people, a workbook LibreOffice Calc saved, CSV in UTF-8 and
/// GBK: each imports to the records of examples/example.json.
struct RoundTripTests {
    @Test func filledTemplateImportsToTheExample() throws {
        try Sheets.expectExample(Sheets.load(Sheets.filledTemplate()))
    }

    @Test func templateHasTheSheetsDropDownsTextIDsAndFrozenHeaders() throws {
        let archive = try Archive(data: TemplateWorkbook.data(), accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            guard let entry = archive[path] else { Issue.record("no \(path)"); return "" }
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["单位", "人员", "继续教育", "填表说明"] { #expect(workbook.contains("name=\"\(name)\"")) }
        #expect(workbook.contains(#"name="选项" sheetId="5" state="hidden""#))
        let people = try part("xl/worksheets/sheet2.xml")
        #expect(people.contains(#"state="frozen""#))
        // Column A (公民身份号码) takes style 2, numFmt 49 "@".
        #expect(people.contains(#"<col min="1" max="1" width="22.0" style="2""#))
        #expect(try part("xl/styles.xml").contains(#"<xf numFmtId="49" fontId="0""#))
        let activities = try part("xl/worksheets/sheet3.xml")
        // 类别 offers the rules' names, from the hidden list sheet.
        #expect(activities.contains("<dataValidation type=\"list\""))
        #expect(activities.contains("<formula1>'选项'!$"))
        let strings = try part("xl/sharedStrings.xml")
        #expect(strings.contains("<t>学术讲座、学术会议</t>") && strings.contains("<t>国际性学术会议</t>"))
        // 填表说明, from the rules.
        #expect(strings.contains("高级、中级 72 学时，初级 40 学时"))
        #expect(strings.contains("学术讲座、学术会议（细则四(五)）：天数、会议范围"))
    }

    /// Made once by LibreOffice Calc from the filled template (Fixtures/README.md has the command): shared
    /// strings, LibreOffice's own styles and dates.
    @Test func workbookSavedByLibreOfficeImportsToTheExample() throws {
        let url = Sheets.fixtures.appendingPathComponent("example-libreoffice.xlsx")
        let data = try Data(contentsOf: url)
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive["xl/sharedStrings.xml"] != nil, "the fixture is LibreOffice's, with a shared-string table")
        try Sheets.expectExample(Sheets.load(data))
    }

    @Test func csvInGBKImportsToTheExample() throws {
        let data = try Data(contentsOf: Sheets.fixtures.appendingPathComponent("example-gbk.csv"))
        #expect(String(bytes: data, encoding: .utf8) == nil, "the fixture is not UTF-8")
        try Sheets.expectExample(Sheets.load(data, .csv, fileName: "example-gbk.csv"))
    }

    @Test func csvInUTF8WithByteOrderMarkImportsToTheExample() throws {
        let data = try Data(contentsOf: Sheets.fixtures.appendingPathComponent("example-utf8.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        try Sheets.expectExample(Sheets.load(data, .csv, fileName: "example-utf8.csv"))
        // Without the mark too.
        try Sheets.expectExample(Sheets.load(data.dropFirst(3), .csv, fileName: "example-utf8.csv"))
    }
}
