import Archiving
import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// Handing over (export as ZIP) and the spot check (sample) as the commands do them.
@Suite("archive export and sample commands", .serialized)
struct ExportAndSampleTests {
    /// The example rendered and stamped by the agency XZPX into a fresh archive.
    func stampedArchive() throws -> URL {
        let folder = Repository.temporaryFolder()
        let config = folder.appendingPathComponent("config")
        let seal = Repository.root.appendingPathComponent("Tests/StampPipelineTests/Fixtures/red-ring.png")
        let agency = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                                 "--seal", seal.path, "--verify-base", "https://verify.example.org/ce", "--config", config.path])
        #expect(agency.status == 0, "\(agency.stderr)")
        let out = folder.appendingPathComponent("archive")
        #expect(try cedocs(["render", Repository.example.path, "--out", out.path]).status == 0)
        // 买买提·艾力 has no audit yet, so exit 1; the other two are stamped.
        let stamp = try cedocs(["stamp", Repository.example.path, "--agency", config.path + "/agencies/XZPX", "--out", out.path])
        #expect(stamp.status == 1, "\(stamp.stderr)")
        return out
    }

    @Test("a person's ZIP opens and holds exactly the files of the manifest extract, with their SHA-256")
    func exportPerson() throws {
        let out = try stampedArchive()
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
        let zipURL = out.deletingLastPathComponent().appendingPathComponent("person.zip")
        let export = try cedocs(["archive", "export", out.path, "--person", "320302198001011239", "-o", zipURL.path])
        #expect(export.status == 0, "\(export.stderr)")

        let zip = try ZIPFoundation.Archive(url: zipURL, accessMode: .read)
        var contents: [String: Data] = [:]
        for entry in zip {
            var data = Data()
            _ = try zip.extract(entry) { data.append($0) }
            contents[entry.path] = data
        }
        let removed = contents.removeValue(forKey: "manifest.json")
        let extract = try #require(removed)
        let listed = try #require((try JSONSerialization.jsonObject(with: extract) as? [String: Any])?["files"] as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["path"] as? String }) == Set(contents.keys))
        #expect(Set(contents.keys) == ["people/320302198001011239/2016/registration.pdf",
                                       "people/320302198001011239/2016/certificate.pdf",
                                       "people/320302198001011239/2016/result.pdf"])
        for entry in listed {
            let data = try #require(contents[entry["path"] as! String])
            #expect(FileDigest.sha256(data) == entry["sha256"] as? String)
            #expect(data.count == entry["size"] as? Int)
        }
        // The archive's own manifest says the same.
        let archived = try manifestEntries(out).filter { ($0["path"] as! String).hasPrefix("people/320302198001011239/") }
        #expect(Set(archived.compactMap { $0["sha256"] as? String }) == Set(listed.compactMap { $0["sha256"] as? String }))

        // unzip reads it as well.
        let unzip = try Command.run("unzip", ["-l", zipURL.path])
        #expect(unzip.status == 0)
        #expect(unzip.stdout.contains("people/320302198001011239/2016/result.pdf"))
    }

    @Test("a unit's ZIP, and no hand-over of an altered file or of an unknown person")
    func exportUnit() throws {
        let out = try stampedArchive()
        let zipURL = out.deletingLastPathComponent().appendingPathComponent("unit.zip")
        let export = try cedocs(["archive", "export", out.path, "--unit", "徐州市第一人民医院", "-o", zipURL.path])
        #expect(export.status == 0, "\(export.stderr)")
        let names = try ZIPFoundation.Archive(url: zipURL, accessMode: .read).map(\.path)
        #expect(names.contains("units/徐州市第一人民医院/2016/annual-audit.pdf"))
        #expect(names.contains("manifest.json"))

        let unknown = try cedocs(["archive", "export", out.path, "--person", "110101199001011237"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("没有"))
        let hostile = try cedocs(["archive", "export", out.path, "--person", "../../etc"])
        #expect(hostile.status == 1)

        let result = out.appendingPathComponent("people/320302198001011239/2016/result.pdf")
        try Data("%PDF-forged".utf8).write(to: result)
        let refused = try cedocs(["archive", "export", out.path, "--person", "320302198001011239", "-o",
                                  out.deletingLastPathComponent().appendingPathComponent("p.zip").path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("result.pdf"))
    }

    @Test("sample: the seed is printed, the same seed gives the same list, the sheet names the columns")
    func sample() throws {
        let out = try stampedArchive()
        let first = try cedocs(["sample", out.path, "--rate", "0.5"])
        #expect(first.status == 0, "\(first.stderr)")
        let seedLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("随机种子：") })
        let seed = String(seedLine.dropFirst(5).prefix { $0.isNumber })
        #expect(first.stdout.contains("徐州市职业技术培训中心（XZPX）2016年度：结果 2 份，抽取 1 份"))

        let elsewhere = out.deletingLastPathComponent().appendingPathComponent("again")
        let second = try cedocs(["sample", out.path, "--rate", "0.5", "--seed", seed, "--out", elsewhere.path])
        #expect(second.status == 0)
        let csv = try Data(contentsOf: out.appendingPathComponent("samples/sample-\(seed).csv"))
        #expect(csv == (try Data(contentsOf: elsewhere.appendingPathComponent("sample-\(seed).csv"))))
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first == "序号,审验机构,年度,审验编号,姓名,公民身份号码,工作单位,审验结论,抽检意见")
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix(",合格,"))
        #expect(lines[1].contains(",**************") && !lines[1].contains(",3203"), "of the ID number only the last four")

        let sheet = try Poppler.text(out.appendingPathComponent("samples/sample-\(seed).pdf")).compact
        for text in ["继续教育审验结果抽检名单", "随机种子\(seed)", "抽检意见", "XZPX-2016-00000", "徐州市第一人民医院"] {
            #expect(sheet.contains(text), "the sheet shows \(text)")
        }
        #expect(!sheet.contains("张卫东") && !sheet.contains("320302198001011239"), "people are masked")
        // Samples are bookkeeping, not documents: the archive stays clean.
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
    }

    @Test("a rate below 20% is refused")
    func lowRate() throws {
        let out = Repository.temporaryFolder()
        let result = try cedocs(["sample", out.path, "--rate", "0.19", "--seed", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("20%"))
    }
}
