import Archiving
import Foundation
@testable import Pipeline
import Records
import Testing
import TestSupport

/// 登记表合订本的分册: a large unit's print job in volumes of `PrintJobVolumes.standardSize` people, each
/// its own PDF, so that its memory does not grow with the unit (issue 18, point 4).
@Suite("print job volumes")
struct PrintJobVolumeTests {
    @Test("the split: one registrations.pdf up to a volume's worth, then numbered volumes that sort in roster order")
    func split() {
        let one = PrintJobVolumes(people: 1000)
        #expect(one.count == 1 && one.fileName(0) == "registrations.pdf" && one.digestName(0) == "print-job")
        #expect(one.titleSuffix(0) == "（合订）")
        #expect(PrintJobVolumes(people: 0).count == 1)
        let three = PrintJobVolumes(people: 2001)
        #expect(three.count == 3)
        #expect((0..<3).map(three.fileName) == ["registrations-01.pdf", "registrations-02.pdf", "registrations-03.pdf"])
        #expect((0..<3).map(three.people(in:)) == [0..<1000, 1000..<2000, 2000..<2001])
        #expect(three.volume(of: 999) == 0 && three.volume(of: 1000) == 1 && three.volume(of: 2000) == 2)
        #expect(three.titleSuffix(1) == "（合订 第2册，共3册）")
        #expect(Set((0..<3).map(three.digestName)).count == 3)
        let many = PrintJobVolumes(people: 250, size: 2)
        #expect(many.fileName(0) == "registrations-001.pdf" && many.fileName(124) == "registrations-125.pdf")
        for name in ["registrations.pdf", "registrations-01.pdf", "registrations-125.pdf"] { #expect(PrintJobVolumes.isVolume(name)) }
        for name in ["registration.pdf", "registrations-.pdf", "registrations-1a.pdf", "registrations-01.png", "annual-audit.pdf"] {
            #expect(!PrintJobVolumes.isVolume(name), "\(name)")
        }
    }

    @Test("five people in volumes of two: each volume's people, odd-page starts and bookmarks; a new split removes the old volumes")
    func volumesInAnArchive() throws {
        let folder = Repository.temporaryFolder()
        let names = ["甲", "乙", "丙", "丁", "戊"]
        let file = try Samples.write(Samples.records(people: names.enumerated().map { Samples.person($0.offset + 1, name: $0.element) }),
                                     to: folder)
        let loaded = try RecordsLoader.load(contentsOf: file)
        let out = folder.appendingPathComponent("out")
        let digest = try InputDigest(resources: Resources(templates: Repository.templates, fonts: Repository.fonts), version: "test")
        func render(volumeSize: Int) throws -> RenderReport {
            let store = try ArchiveStore(root: out)
            let archive = try ArchiveRecording(store: store, digest: digest, recordsFile: file)
            let job = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library, jobs: 2,
                                    volumeSize: volumeSize)
            let report = job.run(loaded, recordsFolder: folder, options: RenderOptions(output: out, creator: "cedocs test"),
                                 documents: [.printJob, .annualAudit], archive: archive)
            try store.close()
            return report
        }
        let unit = out.appendingPathComponent("units/徐州市测试单位/2016")
        func listed() throws -> [String] {
            try manifestPaths(out).filter { $0.hasPrefix("units/") }.map { ($0 as NSString).lastPathComponent }
        }

        let split = try render(volumeSize: 2)
        #expect(split.failures.isEmpty, "\(split.failures)")
        #expect(split.written == 4 && split.removed.isEmpty)
        let volumes = ["registrations-01.pdf", "registrations-02.pdf", "registrations-03.pdf"]
        #expect(try listed() == ["annual-audit.pdf"] + volumes)
        for (number, people) in [(1, ["甲", "乙"]), (2, ["丙", "丁"]), (3, ["戊"])] {
            let pdf = unit.appendingPathComponent(volumes[number - 1])
            let pages = try Poppler.pages(pdf)
            let starts = pages.enumerated().filter { $0.element.contains("电子登记表") }.map { $0.offset + 1 }
            #expect(starts.count == people.count && starts.allSatisfy { $0 % 2 == 1 }, "\(volumes[number - 1]): \(starts)")
            let ids = people.map { person in Samples.idNumber(names.firstIndex(of: person)! + 1) }
            #expect(try PrintJobOutline.entries(pdf).map(\.title) == zip(people, ids).map { "\($0) \($1)" })
            #expect(try PrintJobOutline.entries(pdf).map(\.page) == starts)
            #expect(try Poppler.info(pdf)["Title"] == "徐州市测试单位 2016年度电子登记表（合订 第\(number)册，共3册）")
        }
        // 附件2 still lists everyone.
        #expect(try Poppler.text(unit.appendingPathComponent("annual-audit.pdf")).contains("戊"))

        let again = try render(volumeSize: 2)
        #expect(again.written == 0 && again.unchanged == 4, "an unchanged volume is not written again")

        let whole = try render(volumeSize: 5)
        #expect(whole.failures.isEmpty, "\(whole.failures)")
        #expect(whole.removed == volumes)
        #expect(try listed() == ["annual-audit.pdf", "registrations.pdf"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: unit.path).sorted() == ["annual-audit.pdf", "registrations.pdf"])
        #expect(try PrintJobOutline.entries(unit.appendingPathComponent("registrations.pdf")).count == 5)
        let store = try ArchiveStore(root: out)
        #expect(try ArchiveCheck(store).isClean)
        try store.close()
    }

    /// The paths `manifest.json` lists.
    private func manifestPaths(_ archive: URL) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: archive.appendingPathComponent("manifest.json")))
        return ((object as? [String: Any])?["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }.sorted()
    }
}
