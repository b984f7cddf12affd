import Documents
import Foundation
import Layout
import Pipeline
import Records
import Rules
import Testing
import TestSupport

/// Every document takes one path from its data to its bytes (`DocumentRenderer.produce`), whichever
/// way they go.
@Suite("one production path: the same bytes to a file or to memory, measured as written")
struct ProduceTests {
    let renderer: DocumentRenderer
    let records: RecordsFile

    init() throws {
        renderer = DocumentRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library)
        let folder = Repository.temporaryFolder()
        // Enough activities for 附件1 to run onto a second page, whose footer counts the pages.
        let activities = (0..<40).map { Samples.activity(content: "课程\($0)", hours: 2, day: $0 % 28 + 1) }
        records = try RecordsLoader.load(contentsOf: Samples.write(Samples.records(people: [Samples.person(1, activities: activities)]),
                                                                    to: folder)).records
    }

    func registration() throws -> DocumentData {
        let person = try records.people.person(at: 0)
        return DocumentBuilder(records: records, creator: "cedocs test").registration(person, RulesEngine().assess(person, year: 2016))
    }

    @Test("a file and memory get the same bytes; size and SHA-256 are those of the file on disk; the pages kept are those drawn")
    func fileAndMemoryAgree() throws {
        let data = try registration()
        let target = Repository.temporaryFolder().appendingPathComponent("registration.pdf")
        let file = try renderer.produce(.registration, data, to: .file(target), keepingPages: true)
        let memory = try renderer.produce(.registration, data, to: .memory)
        let written = try Data(contentsOf: target)
        #expect(file.pages >= 2 && file.pages == memory.pages)
        #expect(Data(memory.bytes) == written)
        #expect(file.bytes.isEmpty, "a file destination keeps no copy in memory")
        let digest = String(try Command.run("/usr/bin/sha256sum", [target.path]).stdout.prefix(64))
        #expect(file.measure.size == written.count && file.measure.sha256 == digest)
        #expect(memory.measure == file.measure)
        #expect(file.laidOut.count == file.pages)
        #expect(try Poppler.pageCount(target) == file.pages)
        // pdftotext drops the spaces between the footer's words.
        let last = try Poppler.text(target, page: file.pages).filter { !$0.isWhitespace }
        #expect(last.contains("第\(file.pages)页共\(file.pages)页"), "\(last)")
    }

    @Test("a document that cannot be laid out leaves no file, and says it is the records' to fix")
    func layoutFailureLeavesNothing() throws {
        var data = try registration()
        data.fields["person.name"] = String(repeating: "很长的名字", count: 200)
        let folder = Repository.temporaryFolder()
        let target = folder.appendingPathComponent("registration.pdf")
        #expect {
            _ = try renderer.produce(.registration, data, to: .file(target))
        } throws: { error in
            guard case .layout = error as? ProduceError else { return false }
            return true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing, not even a temporary file")
    }

    @Test("the spot-check list is a document kind: its template is read and checked with the others")
    func spotCheckTemplateChecked() throws {
        let folder = Repository.temporaryFolder()
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.templates.path) {
            try FileManager.default.copyItem(at: Repository.templates.appendingPathComponent(file),
                                             to: folder.appendingPathComponent(file))
        }
        let sample = folder.appendingPathComponent(DocumentKind.spotCheck.templateFile)
        let text = try String(contentsOf: sample, encoding: .utf8)
        try text.replacingOccurrences(of: "min_font_size:", with: "min_font_sise:").write(to: sample, atomically: true, encoding: .utf8)
        #expect {
            _ = try TemplateSet(folder: folder)
        } throws: { error in
            "\(error)".contains("sample.yaml") && "\(error)".contains("min_font_sise")
        }
    }
}
