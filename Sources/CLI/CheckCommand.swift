import ArgumentParser
import Foundation
import Pipeline
import Records
import Rules

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a records file and show each person's recognised hours and verdict.",
        discussion: """
            Prints, per person, each activity's recognised hours with the clause of 徐政人发〔2007〕130号 \
            that gave them, the totals against the requirement, and the verdict; then a summary. \
            Exit status: 0 clean, 1 some people invalid or with errors, 2 the file as a whole unusable.
            """
    )

    @Argument(help: "The records file (cedocs/records/1 JSON), or a unit's workbook (.xlsx) or CSV (.csv); - or /dev/stdin for standard input.")
    var file: String

    @Flag(help: "Print the report as JSON for other programs.")
    var json = false

    @OptionGroup var history: LedgerOptions

    /// How many problems and rejected people `check` keeps and lists; the rest are counted. A file
    /// of millions of bad people is then checked in the same little memory as a good one.
    static let listedProblems = 1_000

    func run() throws {
        let loaded: LoadedRecords
        do {
            loaded = try Setup.loadRecords(file, keepingProblems: Self.listedProblems)
        } catch {
            if json { CheckJSON.failure(code: "invalid_records", message: "记录文件 \(error.fileName) 无法使用",
                                        problems: error.problems, omitted: error.omitted) }
            Console.error(error.description)
            throw ExitCode(2)
        }
        // A person at a time, as it is assessed: a file of any size is checked in little memory.
        let walk = CheckReport.Walk(loaded, engine: try history.engine(for: loaded))
        let summary: CheckReport.Summary
        do throws(CheckJSON.Failure) {
            summary = try json ? CheckJSON.print(walk) : CheckText.print(walk)
        } catch {
            if json { CheckJSON.failure(code: error.code, message: error.message, problems: [], omitted: 0) }
            Console.error(error.message)
            throw ExitCode(2)
        }
        if summary.withErrors > 0 || loaded.hasErrorsOutsidePeople { throw ExitCode(1) }
    }
}

/// `check --json`: the JSON of `CheckReport`, as /v1/check answers it. The people go to a temporary
/// file as they are assessed and reach standard output only once the report is complete: a run that
/// fails midway (the file edited meanwhile) prints one complete error object instead of half a report.
enum CheckJSON {
    struct Failure: Error {
        /// `records_changed`, `output_failed`, as the service's error codes.
        var code: String
        var message: String
    }

    static func print(_ walk: CheckReport.Walk) throws(Failure) -> CheckReport.Summary {
        let spool = try Spool()
        let summary: CheckReport.Summary
        do {
            summary = try walk.json { try spool.write($0) }
            try spool.write(Data("\n".utf8))
        } catch let error as Failure {
            throw error
        } catch let error as RecordsChangedError {
            throw Failure(code: "records_changed", message: error.description)
        } catch {
            throw Failure(code: "output_failed", message: "检查结果无法写成 JSON：\(error)")
        }
        try spool.copyToStandardOutput()
        return summary
    }

    /// The one JSON object printed instead of a report, in the shape of the service's errors:
    /// `{"error": {"code": "…", "message": "…", "problems": [{"path": "…", "message": "…"}]}}`.
    static func failure(code: String, message: String, problems: [RecordsProblem], omitted: Int) {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var problems: [Item]?
                var omitted: Int?
            }
            struct Item: Encodable {
                var path: String
                var message: String
                /// The cell, for records made from a spreadsheet.
                var place: String?
            }
            var error: Detail
        }
        let items = problems.map { Body.Item(path: $0.path, message: $0.message, place: $0.place) }
        let body = Body(error: .init(code: code, message: message, problems: items.isEmpty ? nil : items,
                                     omitted: omitted > 0 ? omitted : nil))
        // Only strings and integers: encoding cannot fail, and if it ever did the fallback is still one object.
        let json = (try? CheckReport.encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) }
        Console.out(json ?? "{\"error\":{\"code\":\"\(code)\"}}")
    }
}

/// The clerk's reading of a check report.
enum CheckText {
    /// - Parameter people: each valid person's hours and verdict too (`check`), or only problems (`import`).
    static func print(_ walk: CheckReport.Walk, people: Bool = true) throws(CheckJSON.Failure) -> CheckReport.Summary {
        Console.out("\(walk.file)：\(walk.unit)，\(walk.year)年度")
        for note in walk.notes ?? [] { Console.out("注意：\(note)") }
        for problem in walk.problems { Console.out(line(problem)) }
        let summary: CheckReport.Summary
        do throws(RecordsChangedError) {
            summary = try walk.run { result in
                if people { person(result) } else { problems(result) }
            }
        } catch {
            throw CheckJSON.Failure(code: "records_changed", message: error.description)
        }
        for person in walk.rejected {
            Console.out("")
            Console.out("\(person.place ?? person.path)  \(Person.subject(name: person.name, idNumber: person.idNumber))记录有误，未受理：")
            for problem in person.problems { Console.out("  " + line(problem)) }
        }
        if let omitted = walk.omitted {
            Console.out("")
            Console.out("……只列出前 \(CheckCommand.listedProblems) 个问题：另有 \(omitted.rejected) 人记录有误未列出，"
                        + "未列出的问题共 \(omitted.problems) 个")
        }
        let s = summary
        Console.out("")
        Console.out("共 \(s.people) 人：有效 \(s.valid)，\(AuditVerdict.word(pass: true)) \(s.passing)，"
                    + "\(AuditVerdict.word(pass: false)) \(s.failing)，"
                    + "有错误 \(s.withErrors)，警告 \(s.warnings) 条")
        return summary
    }

    private static func person(_ person: CheckReport.PersonResult) {
        Console.out("")
        Console.out("\(person.place ?? person.path)  \(Person.subject(name: person.name, idNumber: person.idNumber))\(person.level)")
        let rows = person.activities.enumerated().map { i, a in
            [String(i + 1), a.subject, HoursFormat.string(a.hours) + (a.counted ? "" : "（不计入）"), a.explanation]
        }
        for row in Table.render(header: ["#", "科目", "认定学时", "依据"], rows: rows) { Console.out("  " + row) }
        for credit in person.credits ?? [] { Console.out("  \(credit.subject)  \(HoursFormat.string(credit.hours))  \(credit.explanation)") }
        Console.out("  公共 \(HoursFormat.string(person.publicHours))，专业 \(HoursFormat.string(person.professionalHours))，"
                    + "合计 \(HoursFormat.string(person.totalHours))（应修 \(HoursFormat.string(person.requiredTotal))，"
                    + "其中公共科目 \(HoursFormat.string(person.requiredPublic))）")
        if let cycle = person.cycle { Console.out("  \(cycle)") }
        let verdict = person.verdict + (person.reasons.isEmpty ? "" : "：" + person.reasons.joined(separator: "；"))
        Console.out("  结论：\(verdict)" + (person.audited ? "" : "（尚未审验）"))
        for problem in person.problems { Console.out("  " + line(problem)) }
    }

    /// A valid person's problems alone, under the person (`import`).
    private static func problems(_ person: CheckReport.PersonResult) {
        guard !person.problems.isEmpty else { return }
        Console.out("")
        Console.out("\(person.place ?? person.path)  \(person.name)（\(person.idNumber)）")
        for problem in person.problems { Console.out("  " + line(problem)) }
    }

    static func line(_ problem: CheckReport.Problem) -> String {
        "\(problem.severity == "error" ? "错误" : "警告")  \(problem.place ?? problem.path): \(problem.message)"
    }
}

/// Columns padded by display width: a Chinese character takes two terminal cells.
enum Table {
    static func render(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { width($0[c]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell))
            }.joined(separator: "  ")
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
            sum + ((0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value)
                   || (0xAC00...0xD7A3).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
                   || (0xFE30...0xFE4F).contains(s.value) || (0xFF00...0xFF60).contains(s.value)
                   || (0xFFE0...0xFFE6).contains(s.value) || (0x20000...0x3FFFD).contains(s.value) ? 2 : 1)
        }
    }
}
