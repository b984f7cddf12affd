import ArgumentParser
import Foundation
import Pipeline
import Records
import Rules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a records file and show each person's recognised hours and verdict.",
        discussion: """
            Prints, per person, each activity's recognised hours with the clause of 徐政人发〔2007〕130号 \
            that gave them, the totals against the requirement, and the verdict; then a summary. \
            Exit status: 0 clean, 1 some people invalid or with errors, 2 the file as a whole unusable.
            """
    )

    @Argument(help: "The records file (cedocs/records/1 JSON).")
    var file: String

    @Flag(help: "Print the report as JSON for other programs.")
    var json = false

    func run() throws {
        let loaded = try Setup.load(file)
        // A person at a time, printed as it is assessed: a file of any size is checked in little memory.
        let walk = CheckReport.Walk(loaded)
        let summary: CheckReport.Summary
        do throws(RecordsChangedError) {
            summary = try json ? CheckJSON.print(walk) : CheckText.print(walk)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        if summary.withErrors > 0 { throw ExitCode(1) }
    }
}

/// `check --json`: the JSON of `CheckReport` (snake_case keys in sorted order), written a person at
/// a time.
enum CheckJSON {
    static func print(_ walk: CheckReport.Walk) throws(RecordsChangedError) -> CheckReport.Summary {
        let encoder = CheckReport.encoder
        // Encoding plain strings and numbers cannot fail.
        func json(_ value: some Encodable) -> String { String(decoding: try! encoder.encode(value), as: UTF8.self) }
        var first = true
        Console.write("{\"file\":\(json(walk.file)),\"people\":[", to: .standardOutput, newline: false)
        let summary = try walk.run { person in
            Console.write((first ? "\n" : ",\n") + json(person), to: .standardOutput, newline: false)
            first = false
        }
        Console.out("\n],\"problems\":\(json(walk.problems)),\"rejected\":\(json(walk.rejected)),"
                    + "\"summary\":\(json(summary)),\"unit\":\(json(walk.unit)),\"year\":\(walk.year)}")
        return summary
    }
}

/// The clerk's reading of a check report.
enum CheckText {
    static func print(_ walk: CheckReport.Walk) throws(RecordsChangedError) -> CheckReport.Summary {
        Console.out("\(walk.file)：\(walk.unit)，\(walk.year)年度")
        for problem in walk.problems { Console.out(line(problem)) }
        let summary = try walk.run { person in
            Console.out("")
            Console.out("\(person.path)  \(person.name)（\(person.idNumber)）\(person.level)")
            let rows = person.activities.enumerated().map { i, a in
                [String(i + 1), a.subject, HoursFormat.string(a.hours) + (a.counted ? "" : "（不计入）"), a.explanation]
            }
            for row in Table.render(header: ["#", "科目", "认定学时", "依据"], rows: rows) { Console.out("  " + row) }
            Console.out("  公共 \(HoursFormat.string(person.publicHours))，专业 \(HoursFormat.string(person.professionalHours))，"
                        + "合计 \(HoursFormat.string(person.totalHours))（应修 \(HoursFormat.string(person.requiredTotal))，"
                        + "其中公共科目 \(HoursFormat.string(person.requiredPublic))）")
            let verdict = person.verdict == "合格" ? "合格" : "不合格：" + person.reasons.joined(separator: "；")
            Console.out("  结论：\(verdict)" + (person.audited ? "" : "（尚未审验）"))
            for problem in person.problems { Console.out("  " + line(problem)) }
        }
        for person in walk.rejected {
            Console.out("")
            Console.out("\(person.path)  \(person.name ?? "（无姓名）")（\(person.idNumber ?? "无身份号码")）记录有误，未受理：")
            for problem in person.problems { Console.out("  " + line(problem)) }
        }
        let s = summary
        Console.out("")
        Console.out("共 \(s.people) 人：有效 \(s.valid)，合格 \(s.passing)，不合格 \(s.failing)，"
                    + "有错误 \(s.withErrors)，警告 \(s.warnings) 条")
        return summary
    }

    static func line(_ problem: CheckReport.Problem) -> String {
        "\(problem.severity == "error" ? "错误" : "警告")  \(problem.path): \(problem.message)"
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
