import Foundation
import Testing
import TestSupport

/// Years of one person through the real binary: stamped out of order by an agency, its ledger
/// exported, `check --ledger` and `render --ledger-agency` reading earlier years.
@Suite("cedocs and the ledger across years (学时台账)")
struct LedgerCommandTests {
    let folder = Repository.temporaryFolder()
    static let id = Samples.idNumber(7)

    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    /// The 高级 person's records of `year`: a 24-hour public course, and with `seminar` a 20-day
    /// 专业高级研修班 (240 hours, 144 recognised, 72 of them carried to the next year); audited early next year.
    func records(_ year: Int, seminar: Bool) throws -> URL {
        var activities: [[String: Any]] = [[
            "subject": "public", "kind": "distance_learning", "content": "专业技术人员职业道德",
            "start": "\(year)-03-01", "end": "\(year)-03-31", "hours": 24, "assessment": "合格",
            "params": ["approved_hours": 24],
        ]]
        if seminar {
            activities.append(["subject": "professional", "kind": "advanced_seminar", "content": "心血管介入高级研修班",
                               "start": "\(year)-05-01", "end": "\(year)-05-20", "params": ["days": 20]])
        }
        let person: [String: Any] = ["id_number": Self.id, "name": "王立新", "level": "高级", "title": "主任医师",
                                     "activities": activities,
                                     "audit": ["agency": "徐州市职业技术培训中心", "date": "\(year + 1)-02-10"]]
        var file = Samples.records(people: [person])
        file["year"] = year
        return try Samples.write(file, to: folder, name: "records-\(year).json")
    }

    @Test("stamped out of order: year 1 changes year 2's result and says so; the ledger file and the registry give the same check")
    func outOfOrder() throws {
        let made = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                               "--config", folder.appendingPathComponent("config").path])
        try #require(made.status == 0, "\(made.stderr)")
        let agency = folder.appendingPathComponent("config/agencies/XZPX").path
        let out = folder.appendingPathComponent("archive").path
        let year1 = try records(2016, seminar: true), year2 = try records(2017, seminar: false)

        let first = try cedocs(["stamp", year2.path, "-o", out, "--agency", agency, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try cedocs(["check", year2.path, "--ledger-agency", agency])
        #expect(before.stdout.contains("不合格：总学时 24，应达 72（细则二）"), "\(before.stdout)")

        let second = try cedocs(["stamp", year1.path, "-o", out, "--agency", agency, "-q"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\(Self.id)  2017年度：总学时 24 → 96，不合格 → 合格"), "\(second.stdout)")

        // Year 2 judged with the registry's ledger, and with the ledger written to a file: the same.
        let ledger = folder.appendingPathComponent("ledger.json").path
        let exported = try cedocs(["registry", "ledger", ledger, "--agency", agency])
        #expect(exported.status == 0, "\(exported.stderr)")
        for source in [["--ledger-agency", agency], ["--ledger", ledger]] {
            let check = try cedocs(["check", "--json", year2.path] + source)
            #expect(check.status == 0, "\(check.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
            #expect(report["notes"] == nil)
            let person = try #require((report["people"] as? [[String: Any]])?.first)
            #expect(person["total_hours"] as? Double == 96)
            #expect(person["verdict"] as? String == "合格")
            let credit = try #require((person["credits"] as? [[String: Any]])?.first)
            #expect(credit["source_year"] as? Int == 2016)
            #expect(credit["reason"] as? String == "carry_over")
            #expect(credit["content"] as? String == "心血管介入高级研修班")
            #expect(credit["hours"] as? Double == 72)
            #expect(credit["explanation"] as? String == "上年度结转：2016年度《心血管介入高级研修班》72学时（细则四(四)，一次最多认定两年的学时）")
        }

        // Without a ledger: judged alone, and the report says so.
        let alone = try cedocs(["check", "--json", year2.path])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        #expect((report["notes"] as? [String])?.first?.contains("未提供学时台账") == true)
        #expect((report["people"] as? [[String: Any]])?.first?["total_hours"] as? Double == 24)

        // Year 2 stamped again: now 合格, and its 附件1 shows the carried hours on a line of their own.
        let third = try cedocs(["stamp", year2.path, "-o", out, "--agency", agency, "-q"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!third.stdout.contains("2017年度："), "\(third.stdout)")
        let registration = URL(fileURLWithPath: out).appendingPathComponent("people/\(Self.id)/2017/registration.pdf")
        let text = try Poppler.text(registration).filter { !$0.isWhitespace }
        for expected in ["上年度结转：2016年度《心血管介入高级研修班》72学时", "继续教育审验合格"] {
            #expect(text.contains(expected), "registration.pdf shows \(expected)")
        }
    }

    @Test("a ledger file that is not one: exit 2 naming the file")
    func badLedgerFile() throws {
        let ledger = folder.appendingPathComponent("ledger.json")
        try Data(#"{"format": "cedocs/records/1"}"#.utf8).write(to: ledger)
        let result = try cedocs(["check", try records(2017, seminar: false).path, "--ledger", ledger.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("学时台账 \(ledger.path) 无法读取"), "\(result.stderr)")
    }
}
