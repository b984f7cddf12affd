import Foundation
import Testing
import TestSupport

/// A unit's 聘任周期 (细则二) through the real binary, and `stamp --ledger FILE` beside the registry.
@Suite("cedocs, the 聘任周期 and stamp --ledger")
struct CycleCommandTests {
    let folder = Repository.temporaryFolder()
    static let id = Samples.idNumber(8)

    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    /// The person's records of `year` in the unit's cycle 2016–2018 (`Samples.cycleYear`).
    func records(_ year: Int, hoursOf shape: Int? = nil) throws -> URL {
        try Samples.write(Samples.cycleYear(year, hoursOf: shape, id: Self.id), to: folder,
                          name: "records-\(year)-\(shape ?? year).json")
    }

    /// A new agency profile (and registry) under `config`.
    func agency(_ config: String) throws -> String {
        let made = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                               "--config", folder.appendingPathComponent(config).path])
        try #require(made.status == 0, "\(made.stderr)")
        return folder.appendingPathComponent("\(config)/agencies/XZPX").path
    }

    @Test("2016 and 2017 stamped by the registry; 2018 by a new registry with --ledger: it passes over the cycle and the forms say so")
    func cycleAcrossRegistries() throws {
        let first = try agency("config")
        let out = folder.appendingPathComponent("archive").path
        for year in [2016, 2017] {
            let stamped = try cedocs(["stamp", try records(year).path, "-o", out, "--agency", first, "-q"])
            #expect(stamped.status == 0, "\(stamped.stderr)")
        }
        let ledger = folder.appendingPathComponent("ledger.json").path
        let exported = try cedocs(["registry", "ledger", ledger, "--agency", first])
        try #require(exported.status == 0, "\(exported.stderr)")

        let year3 = try records(2018)
        let check = try cedocs(["check", year3.path, "--ledger", ledger])
        #expect(check.stdout.contains("聘任周期2016—2018年度第3年（最后一年）：周期累计总学时 216，应达 216"), "\(check.stdout)")
        #expect(check.stdout.contains("结论：合格"), "\(check.stdout)")
        let json = try cedocs(["check", "--json", year3.path, "--ledger", ledger])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let person = try #require((report["people"] as? [[String: Any]])?.first)
        #expect(person["total_hours"] as? Double == 16)
        #expect((person["cycle"] as? String)?.hasPrefix("聘任周期2016—2018年度第3年（最后一年）：周期累计总学时 216，应达 216") == true)

        // A registry that holds none of the cycle's years: alone it fails 2018, with the file it passes.
        let second = try agency("config-new")
        let newOut = folder.appendingPathComponent("archive-new").path
        let alone = try cedocs(["stamp", year3.path, "-o", newOut, "--agency", second, "-q", "--ledger", ledger])
        #expect(alone.status == 0, "\(alone.stderr)")
        let registration = URL(fileURLWithPath: newOut).appendingPathComponent("people/\(Self.id)/2018/registration.pdf")
        let certificate = URL(fileURLWithPath: newOut).appendingPathComponent("people/\(Self.id)/2018/certificate.pdf")
        // pdftotext reads the row's label into the middle of its wrapped cell: the line is checked in pieces.
        for pdf in [registration, certificate] {
            let text = try Poppler.text(pdf).filter { !$0.isWhitespace }
            for expected in ["聘任周期2016—2018年度第3年（最后一年）", "应达216；其中公共科目", "（细则二：周期内学习时间可以集中使用", "继续教育审验合格（按聘任周期2016—2018年度累计学时，细则二）"] {
                #expect(text.contains(expected), "\(pdf.lastPathComponent) shows \(expected)")
            }
        }
        // The file's years are not recorded in the new registry: only the year it stamped.
        let newLedger = folder.appendingPathComponent("new-ledger.json").path
        _ = try cedocs(["registry", "ledger", newLedger, "--agency", second])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: newLedger))) as? [String: Any])
        #expect((body["entries"] as? [[String: Any]])?.map { $0["year"] as? Int } == [2018])
    }

    @Test("a ledger file that holds a stamped year differently: the stamp is refused, naming the year, and nothing is stamped")
    func contradictingFile() throws {
        let agency = try agency("config")
        let out = folder.appendingPathComponent("archive").path
        let stamped = try cedocs(["stamp", try records(2016).path, "-o", out, "--agency", agency, "-q"])
        try #require(stamped.status == 0, "\(stamped.stderr)")
        let ledger = folder.appendingPathComponent("ledger.json")
        try #require(try cedocs(["registry", "ledger", ledger.path, "--agency", agency]).status == 0)

        // The same file is no contradiction: 2017 is stamped with it.
        let agreeing = try cedocs(["stamp", try records(2017).path, "-o", out, "--agency", agency, "-q", "--ledger", ledger.path])
        #expect(agreeing.status == 0, "\(agreeing.stderr)")

        // 2016 made to hold 100 professional hours in the file.
        let text = try String(contentsOf: ledger, encoding: .utf8).replacingOccurrences(of: #""own_professional":0"#,
                                                                                        with: #""own_professional":100"#)
        try #require(text.contains(#""own_professional":100"#))
        try Data(text.utf8).write(to: ledger)
        let refused = try cedocs(["stamp", try records(2018).path, "-o", out, "--agency", agency, "-q", "--ledger", ledger.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("学时台账 \(ledger.path) 与审验登记库的台账不一致：\(Self.id) 2016年度（登记库：不合格，总学时 0；文件：不合格，总学时 100）"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent("people/\(Self.id)/2018").path))
    }

    @Test("a year without activities of its own passes on the cycle, and its warning says how it can")
    func emptyYearPassesOnTheCycle() throws {
        let agency = try agency("config")
        let out = folder.appendingPathComponent("archive").path
        // 2016 holds 2017's 200 hours, so the cycle so far covers 2017, which has no activity.
        let stamped = try cedocs(["stamp", try records(2016, hoursOf: 2017).path, "-o", out, "--agency", agency, "-q"])
        try #require(stamped.status == 0, "\(stamped.stderr)")
        let empty = try records(2017, hoursOf: 2016)
        let warning = "没有填写本年度的学习活动：只有以前年度结转的学时、学历证书或聘任周期（细则二）足以补足时才能审验合格"

        let check = try cedocs(["check", "--json", empty.path, "--ledger-agency", agency])
        #expect(check.status == 0, "\(check.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let person = try #require((report["people"] as? [[String: Any]])?.first)
        #expect(person["verdict"] as? String == "合格")
        #expect((person["cycle"] as? String)?.hasPrefix("聘任周期2016—2018年度第2年：周期累计总学时 200，应达 144") == true)
        #expect((person["problems"] as? [[String: Any]])?.map { $0["message"] as? String } == [warning])

        // Judged alone, the same words stay true beside 不合格.
        let alone = try cedocs(["check", empty.path])
        #expect(alone.stdout.contains(warning) && alone.stdout.contains("不合格"), "\(alone.stdout)")
    }
}
