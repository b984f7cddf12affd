import Archiving
import ArgumentParser
import Foundation
import Pipeline
import Records
import Spreadsheet

/// `cedocs import`: a unit's workbook or CSV → a records file, checked as `check` checks one.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a unit's workbook (.xlsx) or CSV into a records file (cedocs/records/1) and check it.",
        discussion: """
            The workbook is the one `cedocs template xlsx` writes (sheets 单位, 人员, 继续教育); the CSV is \
            one file, a row per activity with the unit's and the person's columns repeated (see README). \
            Every problem is named by its sheet, cell and column (继续教育!F12（结束日期）), all at once. \
            The records file is written whole or not at all, also when some people have errors (they are \
            listed; fix the sheet and import again). Exit status: 0 clean, 1 some people invalid or with \
            errors, 2 the file as a whole unusable (nothing written).
            """
    )

    @Argument(help: "The workbook (.xlsx) or CSV file (.csv).")
    var file: String

    @Option(name: .shortAndLong, help: "The records file to write (JSON).")
    var output: String

    func validate() throws {
        guard SpreadsheetFormat(fileName: file) != nil else {
            throw ValidationError("\(file) 不是 .xlsx 或 .csv 文件；records.json 不需要导入，可直接 cedocs check")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let format = SpreadsheetFormat(fileName: file)!
        let converted: SpreadsheetImport.Converted
        let loaded: LoadedRecords
        do {
            let data = try SpreadsheetImport.read(contentsOf: url)
            converted = try SpreadsheetImport.convert(data, format: format, fileName: url.lastPathComponent)
            loaded = try SpreadsheetImport.load(converted, fileName: url.lastPathComponent,
                                                keepingProblems: CheckCommand.listedProblems)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        do {
            try AtomicFile.write(converted.json, to: URL(fileURLWithPath: output))
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let summary: CheckReport.Summary
        do throws(CheckJSON.Failure) {
            summary = try CheckText.print(CheckReport.Walk(loaded), people: false)
        } catch {
            Console.error(error.message)
            throw ExitCode(2)
        }
        Console.out("已写入 \(output)")
        if summary.withErrors > 0 || loaded.hasErrorsOutsidePeople { throw ExitCode(1) }
    }
}

extension LoadedRecords {
    /// An error that belongs to no person the loader kept: an activity row whose 公民身份号码 is not
    /// in sheet 人员, a value the import could not read for a person the rules then judged. (A records
    /// file never has one: its file-level errors make it unusable.)
    var hasErrorsOutsidePeople: Bool { problems.contains { $0.isError && $0.personIndex == nil } }
}
