import Foundation
import Testing
import TestSupport

/// `cedocs template xlsx`, `cedocs import`, and check and render given a workbook or CSV, as a clerk runs them.
@Suite("cedocs template, import; check and render of a workbook")
struct SpreadsheetCommandTests {
    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    let gbk = Repository.root.appendingPathComponent("Tests/SpreadsheetTests/Fixtures/example-gbk.csv")

    @Test("template --from, import back: the records, exit 0; check and render take the workbook itself")
    func templateImportCheckRender() throws {
        let folder = Repository.temporaryFolder()
        let workbook = folder.appendingPathComponent("登记表.xlsx").path
        let written = try cedocs(["template", "xlsx", "--from", Repository.example.path, "-o", workbook])
        #expect(written.status == 0, "\(written.stderr)")
        let records = folder.appendingPathComponent("records.json").path
        let imported = try cedocs(["import", workbook, "-o", records])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("共 3 人：有效 3"))
        #expect(try cedocs(["check", records]).stdout.contains("共 3 人：有效 3，合格 2，不合格 1"))

        let checked = try cedocs(["check", workbook])
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("人员 第 2 行  张卫东（320302198001011239）中级"), "\(checked.stdout)")
        let rendered = try cedocs(["render", gbk.path, "--out", folder.appendingPathComponent("archive").path, "--quiet"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(FileManager.default.fileExists(
            atPath: folder.appendingPathComponent("archive/people/320302198001011239/2016/registration.pdf").path))
    }

    @Test("a bad cell: exit 1, named by sheet, cell and column; an unusable file: exit 2, nothing written")
    func badCellsAndUnusableFiles() throws {
        let folder = Repository.temporaryFolder()
        var text = try String(contentsOf: Repository.root.appendingPathComponent(
            "Tests/SpreadsheetTests/Fixtures/example-utf8.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "2016/10/14", with: "2016/10/41")
        let csv = folder.appendingPathComponent("名单.csv")
        try Data(text.utf8).write(to: csv)
        let records = folder.appendingPathComponent("records.json")
        let result = try cedocs(["import", csv.path, "-o", records.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("名单.csv!S3（结束日期）: 结束日期“2016/10/41”无法识别为日期"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: records.path), "the records are written, the person listed")

        let broken = folder.appendingPathComponent("broken.xlsx")
        try Data("PK not really".utf8).write(to: broken)
        let unusable = try cedocs(["import", broken.path, "-o", folder.appendingPathComponent("none.json").path])
        #expect(unusable.status == 2)
        #expect(unusable.stderr.contains("不是有效的 XLSX 工作簿"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.json").path))
    }
}
