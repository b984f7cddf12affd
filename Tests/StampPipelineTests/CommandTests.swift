import Foundation
import Testing
import TestSupport

/// `cedocs agency init`, `stamp` and `verify` as a clerk (and anyone checking a result) runs them.
@Suite("cedocs agency, stamp and verify commands")
struct StampCommandTests {
    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    func initAgency(in folder: URL) throws -> URL {
        let config = folder.appendingPathComponent("config")
        let result = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                                 "--seal", Agency.testSeal.path, "--verify-base", "https://verify.example.org/ce",
                                 "--config", config.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The key is never printed.
        let key = try String(contentsOf: config.appendingPathComponent("agencies/XZPX/signing.key"), encoding: .utf8)
        #expect(!result.stdout.contains(key.split(separator: "\n")[1]))
        return config
    }

    @Test("stamp the example, then verify by file, serial and check code: genuine, name and ID masked")
    func stampAndVerify() throws {
        let folder = Repository.temporaryFolder()
        let config = try initAgency(in: folder)
        let out = folder.appendingPathComponent("out")
        let stamp = try cedocs(["stamp", Repository.example.path, "--agency", config.path + "/agencies/XZPX", "--out", out.path])
        // 买买提·艾力 has no audit yet: reported, so exit 1, and the unit's 附件2 waits for him.
        #expect(stamp.status == 1, "\(stamp.stderr)")
        #expect(stamp.stdout.contains("XZPX-2016-000001  张卫东（320302198001011239）  合格"))
        #expect(stamp.stderr.contains("买买提·艾力（32032219720330345X） 未盖章：尚未审验"))

        let registration = out.appendingPathComponent("people/320302198001011239/2016/registration.pdf")
        let byFile = try cedocs(["verify", registration.path, "--config", config.path])
        #expect(byFile.status == 0, "\(byFile.stdout)\(byFile.stderr)")
        for line in ["真实有效：XZPX-2016-000001", "姓名：张*东", "公民身份号码：**************1239",
                     "学时：合计 74", "审验结论：合格", "审验机构：徐州市职业技术培训中心"] {
            #expect(byFile.stdout.contains(line), "verify prints \(line)")
        }
        #expect(!byFile.stdout.contains("张卫东") && !byFile.stdout.contains("320302198001011239"))
        #expect(!byFile.stdout.contains("校验码"))

        // The check code as a person reads it from the paper: under the QR code of result.pdf.
        let sheet = try Poppler.text(out.appendingPathComponent("people/320302198001011239/2016/result.pdf"))
        let code = try #require(sheet.firstMatch(of: /校验码\s*([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
        let bySerial = try cedocs(["verify", "XZPX-2016-000001", "--config", config.path, "--check", String(code).lowercased()])
        #expect(bySerial.status == 0)
        let wrongCode = try cedocs(["verify", "XZPX-2016-000001", "--config", config.path, "--check", "0000-0000"])
        #expect(wrongCode.status == 1 && wrongCode.stdout.contains("不符") && !wrongCode.stdout.contains(String(code)))
        let forged = try cedocs(["verify", "XZPX-2016-000099", "--config", config.path])
        #expect(forged.status == 1)
        #expect(forged.stdout.contains("查无此编号"))
    }

    @Test("no key, no stamp: without signing.key the run stops before writing anything")
    func noKeyNoStamp() throws {
        let folder = Repository.temporaryFolder()
        let config = try initAgency(in: folder)
        let profile = config.appendingPathComponent("agencies/XZPX")
        try FileManager.default.removeItem(at: profile.appendingPathComponent("signing.key"))
        let out = folder.appendingPathComponent("out")
        let result = try cedocs(["stamp", Repository.example.path, "--agency", profile.path, "--out", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("没有私钥不能盖章"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: profile.appendingPathComponent("registry.sqlite").path))
    }
}
