import Foundation
import Testing
import TestSupport

/// Nothing stamped is replaced by something unstamped (issue 12, point 4), through the real binary.
@Suite("render leaves stamped files as the agency issued them")
struct StampedKeptTests {
    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    /// Every stamped PDF under `out` (people's three files, the unit's 附件2) with its bytes.
    func stampedFiles(_ out: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for n in [1, 2] {
            for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
                let path = "people/\(Samples.idNumber(n))/2016/\(file)"
                files[path] = try Data(contentsOf: out.appendingPathComponent(path))
            }
        }
        let roster = "units/徐州市测试单位/2016/annual-audit.pdf"
        files[roster] = try Data(contentsOf: out.appendingPathComponent(roster))
        return files
    }

    @Test("stamp, then render and render --force: stamped files byte-identical and reported; a changed record exits 1")
    func renderKeepsStamped() throws {
        let agency = try Agency()
        let records = try Samples.write(Cases.examined(), to: agency.folder)
        let out = agency.out
        let stamp = try cedocs(["stamp", records.path, "--agency", agency.profile.folder.path, "--out", out.path])
        #expect(stamp.status == 0, "\(stamp.stdout)\(stamp.stderr)")
        let stamped = try stampedFiles(out)

        for force in [false, true] {
            let render = try cedocs(["render", records.path, "--out", out.path] + (force ? ["--force"] : []))
            #expect(render.status == 0, "\(render.stdout)\(render.stderr)")
            #expect(try stampedFiles(out) == stamped, "render\(force ? " --force" : "") leaves every stamped file")
            #expect(render.stdout.contains("测试1（\(Samples.idNumber(1))） 的电子登记表已盖章，未重写（审验编号 XZPX-2016-000001）"),
                    "\(render.stdout)")
            #expect(render.stdout.contains("单位“徐州市测试单位” 的年度审验表已盖章，未重写（审验编号 XZPX-2016-000003）"))
            #expect(render.stdout.contains("5 个文件已盖章、未重写"))
            let verify = try cedocs(["verify", out.appendingPathComponent("people/\(Samples.idNumber(1))/2016/registration.pdf").path,
                                     "--config", agency.folder.appendingPathComponent("config").path])
            #expect(verify.status == 0 && verify.stdout.contains("真实有效"), "\(verify.stdout)")
        }
        // The unit's own print job is still the unit's to render.
        #expect(FileManager.default.fileExists(atPath: agency.unit("registrations.pdf").path))

        // Person 2's record changes after stamping: render says the agency must stamp again, exits 1, and
        // still leaves the stamped files alone.
        var changed = Cases.examined()
        var people = changed["people"] as! [[String: Any]]
        people[1]["activities"] = [Samples.activity(hours: 24)]
        changed["people"] = people
        let changedFile = try Samples.write(changed, to: agency.folder, name: "changed.json")
        let render = try cedocs(["render", changedFile.path, "--out", out.path, "--force"])
        #expect(render.status == 1)
        #expect(render.stderr.contains("测试2（\(Samples.idNumber(2))） 的电子登记表未生成：记录在盖章后已改变，需审验机构重新盖章"),
                "\(render.stderr)")
        #expect(render.stderr.contains("单位“徐州市测试单位” 的年度审验表未生成：记录在盖章后已改变，需审验机构重新盖章"))
        #expect(!render.stderr.contains("测试1（"), "person 1's record did not change")
        #expect(try stampedFiles(out) == stamped)

        // Only stamp replaces them: a new serial, the old one superseded.
        let restamp = try cedocs(["stamp", changedFile.path, "--agency", agency.profile.folder.path, "--out", out.path])
        #expect(restamp.status == 0, "\(restamp.stderr)")
        #expect(restamp.stdout.contains("XZPX-2016-000004  测试2（\(Samples.idNumber(2))）  不合格（新出具，原 XZPX-2016-000002 作废）"),
                "\(restamp.stdout)")
        let after = try cedocs(["render", changedFile.path, "--out", out.path])
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test("archive check names a stamped file replaced or altered, by its serial; with --agency, against the registry")
    func archiveCheckNamesStamped() throws {
        let agency = try Agency()
        let records = try Samples.write(Cases.examined(), to: agency.folder)
        let out = agency.out
        #expect(try cedocs(["stamp", records.path, "--agency", agency.profile.folder.path, "--out", out.path]).status == 0)
        let clean = try cedocs(["archive", "check", out.path, "--agency", agency.profile.folder.path])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("徐州市职业技术培训中心已盖章文件 7 个，与登记库相符 7，不符 0"), "\(clean.stdout)")

        // Another file put in place of the stamped 附件1 (as a render of main did).
        let registration = agency.person(1, "registration.pdf")
        try Data(contentsOf: agency.person(2, "registration.pdf")).write(to: registration)
        let check = try cedocs(["archive", "check", out.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("已改动  people/\(Samples.idNumber(1))/2016/registration.pdf"), "\(check.stdout)")
        #expect(check.stdout.contains("已盖章（审验编号 XZPX-2016-000001）的文件与盖章时的 SHA-256 不符"), "\(check.stdout)")
        let withRegistry = try cedocs(["archive", "check", out.path, "--agency", agency.profile.folder.path])
        #expect(withRegistry.status == 1)
        #expect(withRegistry.stdout.contains("与登记库不符  people/\(Samples.idNumber(1))/2016/registration.pdf"), "\(withRegistry.stdout)")
        #expect(withRegistry.stdout.contains("XZPX-2016-000002"), "the file in place is registered under another serial")
    }
}
