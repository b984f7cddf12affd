import Foundation
import Pipeline
import Records
import Testing
import TestSupport

@Suite("One bad person never stops the others, and nothing half-written is left")
struct FailureTests {
    @Test("text that cannot fit names the person, the field and the cell; the others are written")
    func overflow() throws {
        var long = Samples.person(1, name: "王长文")
        long["title"] = String(repeating: "主任医师兼心血管内科学术带头人", count: 12)
        let rendered = try Rendered(Samples.records(people: [long, Samples.person(2)]))
        let failure = try #require(rendered.report.failures.first { $0.subject.contains("王长文") })
        #expect(failure.message.contains("person.title"))
        #expect(failure.message.contains("专业技术职务"))
        #expect(failure.subject.contains(Samples.idNumber(1)))
        #expect(!FileManager.default.fileExists(atPath: rendered.person(Samples.idNumber(1), "registration.pdf").path))
        #expect(FileManager.default.fileExists(atPath: rendered.person(Samples.idNumber(2), "registration.pdf").path))
        #expect(!rendered.files.contains { $0.hasSuffix(".tmp") })
    }

    @Test("a character no font has is an error naming it, before anything is written for that person")
    func missingGlyph() throws {
        let rendered = try Rendered(Samples.records(people: [Samples.person(1, name: "张🧿东"), Samples.person(2)]))
        let failures = rendered.report.failures.filter { $0.subject.contains("张🧿东") }
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.message.contains("U+1F9FF") && $0.message.contains("person.name") })
        #expect(!FileManager.default.fileExists(atPath: rendered.person(Samples.idNumber(1), "registration.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: rendered.person(Samples.idNumber(1), "certificate.pdf").path))
        #expect(FileManager.default.fileExists(atPath: rendered.person(Samples.idNumber(2), "certificate.pdf").path))
    }

    // A name with control characters never gets this far: check refuses it (HiddenCharacterTests).
    @Test("a unit name cannot lead outside the output folder", arguments: ["../../etc", "a/b\\c", "..", "单位:名*?", ".hidden"])
    func unsafeUnitName(name: String) throws {
        let rendered = try Rendered(Samples.records(people: [Samples.person(1)], unit: name), name: "unsafe\(name.utf8.count)")
        let units = rendered.out.appendingPathComponent("units")
        let folders = try FileManager.default.contentsOfDirectory(atPath: units.path)
        #expect(folders.count == 1)
        let folder = try #require(folders.first)
        #expect(!folder.contains("/") && !folder.contains("\\") && folder != ".." && folder != "." && !folder.hasPrefix("."))
        #expect(!folder.unicodeScalars.contains { $0.properties.generalCategory == .control })
        // Everything written is under the output folder.
        let outside = try FileManager.default.contentsOfDirectory(atPath: rendered.folder.path).sorted()
        #expect(outside == ["out", "records.json"])
    }
}

/// The records file is read again person by person while rendering: an edit made meanwhile is a
/// failure of that person, and the unit's 附件2 (which would lack them) is not made.
@Suite("a records file edited during the run")
struct EditedDuringRunTests {
    @Test func thePersonFailsAndTheRosterIsNotMade() throws {
        let folder = Repository.temporaryFolder()
        let file = try Samples.write(Samples.records(people: [Samples.person(1), Samples.person(2)]), to: folder)
        let loaded = try RecordsLoader.load(contentsOf: file)
        let first = try loaded.records.people.person(at: 0)
        // The same bytes, but the first person's name changed to one with a control character: no
        // longer a valid person.
        var bytes = try Data(contentsOf: file)
        let name = Data("\"name\":\"\(first.name)\"".utf8)
        let at = try #require(bytes.range(of: name))
        let broken = Data("\"name\":\"".utf8) + Data(repeating: 0x07, count: name.count - 9) + Data("\"".utf8)
        bytes.replaceSubrange(at, with: broken)
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: bytes)
        try handle.close()

        let out = folder.appendingPathComponent("out")
        let job = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library, jobs: 2)
        let report = job.run(loaded, recordsFolder: folder, options: RenderOptions(output: out, creator: "cedocs test"))
        #expect(report.failures.contains { $0.subject == "people[0]" && $0.message.contains("在处理期间被修改") },
                "\(report.failures)")
        #expect(report.failures.contains { $0.document == "年度审验表" && $0.message.contains("名单不全") },
                "\(report.failures)")
        let second = try loaded.records.people.person(at: 1)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("people/\(second.idNumber)/2016/registration.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("units/徐州市测试单位/2016/annual-audit.pdf").path))
    }
}
