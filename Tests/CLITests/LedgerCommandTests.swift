import Foundation
import Testing
import TestSupport

/// Years of one person through the real binary: stamped out of order by an agency, its ledger
/// exported, `check` and `render` reading earlier years with `--ledger` and `--ledger-agency`.
@Suite("cedocs and the ledger across years (学时台账)")
struct LedgerCommandTests {
    let folder = Repository.temporaryFolder()
    static let id = Samples.idNumber(7)

    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    /// The 高级 person's records of `year` (`Samples.seminarYear`), written into the test's folder.
    func records(_ year: Int, seminar: Bool) throws -> URL {
        try Samples.write(Samples.seminarYear(year, seminar: seminar, id: Self.id), to: folder, name: "records-\(year).json")
    }

    /// A new agency profile (and registry) under `config`; its folder.
    func agency() throws -> String {
        let made = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                               "--config", folder.appendingPathComponent("config").path])
        try #require(made.status == 0, "\(made.stderr)")
        return folder.appendingPathComponent("config/agencies/XZPX").path
    }

    @Test("stamped out of order: year 1 changes year 2's result and says so; the ledger file and the registry give the same check")
    func outOfOrder() throws {
        let agency = try agency()
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

    @Test("render --ledger-agency and --ledger print the carried line on 附件1; without a ledger render says earlier years were not considered")
    func renderWithAndWithoutALedger() throws {
        let agency = try agency()
        let stamped = try cedocs(["stamp", try records(2016, seminar: true).path, "-o", folder.appendingPathComponent("stamped").path,
                                  "--agency", agency, "-q"])
        try #require(stamped.status == 0, "\(stamped.stderr)")
        let ledger = folder.appendingPathComponent("ledger.json").path
        let exported = try cedocs(["registry", "ledger", ledger, "--agency", agency])
        try #require(exported.status == 0, "\(exported.stderr)")
        let year2 = try records(2017, seminar: false)

        /// The text of the person's 2017 附件1 and the render's run report, rendered into `name` with `source`.
        func render(_ name: String, _ source: [String]) throws -> (stdout: String, pdf: String, report: [String: Any]) {
            let out = folder.appendingPathComponent(name)
            let run = try cedocs(["render", year2.path, "-o", out.path] + source)
            #expect(run.status == 0, "\(run.stderr)")
            let pdf = try Poppler.text(out.appendingPathComponent("people/\(Self.id)/2017/registration.pdf"))
            let reports = out.appendingPathComponent("reports/2017")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: reports.path).first { $0.hasSuffix(".render.json") })
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent(file)))
            return (run.stdout, pdf.filter { !$0.isWhitespace }, try #require(report as? [String: Any]))
        }

        for (name, source) in [("by-agency", ["--ledger-agency", agency]), ("by-file", ["--ledger", ledger])] {
            let run = try render(name, source)
            #expect(run.pdf.contains("上年度结转：2016年度《心血管介入高级研修班》72学时"), "\(name): \(run.pdf)")
            #expect(!run.stdout.contains("未提供学时台账"), "\(name): \(run.stdout)")
            #expect(run.report["notes"] == nil)
        }

        let alone = try render("alone", [])
        #expect(!alone.pdf.contains("上年度结转："))
        let note = "注意：未提供学时台账（审验登记库或 --ledger 文件），以前年度结转的学时、学历证书和聘任周期（细则二）内以前年度的学时未予考虑"
        #expect(alone.stdout.contains(note), "\(alone.stdout)")
        #expect((alone.report["notes"] as? [String])?.first?.hasPrefix(String(note.dropFirst("注意：".count))) == true, "\(alone.report)")
    }
}
