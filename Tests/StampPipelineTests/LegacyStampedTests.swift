import Foundation
import Testing
import TestSupport

/// An archive stamped before the manifest kept each stamped file's stamp: its people's files are
/// still recognised as stamped, by the result sheet the agency issued beside them.
@Suite("render leaves the stamped files of an older archive alone")
struct LegacyStampedTests {
    /// The manifest as an older cedocs wrote it: no `stamp` in any entry.
    func forgetStamps(in out: URL) throws {
        let manifest = out.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let stamp = try NSRegularExpression(pattern: #"(,"stamp":\{[^{}]*\}|"stamp":\{[^{}]*\},)"#)
        let stripped = stamp.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        #expect(stripped != text && !stripped.contains("\"stamp\""), "the test removes every stamp")
        try stripped.write(to: manifest, atomically: true, encoding: .utf8)
    }

    @Test("a person's 附件1 and certificate beside an issued result.pdf are kept and reported under its serial")
    func keptByResultSheet() throws {
        let agency = try Agency()
        let records = try Samples.write(Cases.examined(), to: agency.folder)
        let stamp = try StampedKeptTests().cedocs(["stamp", records.path, "--agency", agency.profile.folder.path,
                                                    "--out", agency.out.path])
        #expect(stamp.status == 0, "\(stamp.stderr)")
        try forgetStamps(in: agency.out)
        let files = [agency.person(1, "registration.pdf"), agency.person(1, "certificate.pdf"),
                     agency.person(2, "registration.pdf")]
        let before = try files.map { try Data(contentsOf: $0) }

        let render = try StampedKeptTests().cedocs(["render", records.path, "--out", agency.out.path, "--force"])
        #expect(render.status == 0, "\(render.stdout)\(render.stderr)")
        #expect(try files.map { try Data(contentsOf: $0) } == before, "no stamped file is rewritten")
        #expect(render.stdout.contains("测试1（\(Samples.idNumber(1))） 的电子登记表已盖章，未重写（审验编号 XZPX-2016-000001）"),
                "\(render.stdout)")
        #expect(render.stdout.contains("测试2（\(Samples.idNumber(2))） 的继续教育证书已盖章，未重写（审验编号 XZPX-2016-000002）"))
    }
}
