import Foundation
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

    @Test("a unit name cannot lead outside the output folder", arguments: ["../../etc", "a/b\\c", "..", "\u{7}单位\n名", ".hidden"])
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
