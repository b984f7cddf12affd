import Foundation
import Testing
@testable import Records
#if canImport(Glibc)
import Glibc
#endif

/// A records file cut short after it was mapped: the reads past its new end give zeros instead of
/// SIGBUS (CSafeMapping), and the loader reports the file as changed (issue 11: exit 135).
@Suite("A file cut short while it is read")
struct ChangedFileTests {
    func largeFile() throws -> URL {
        let people = (0..<4_000).map { i in
            Fixture.person(id: IDFixture.number(i))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-cut-\(UUID().uuidString).json")
        try Fixture.file(people: people).write(to: url)
        return url
    }

    @Test("cut short after mapping, before the UTF-8 scan and the parse: a changed-file error, no signal",
          arguments: [0.5, 0.0, 0.999])
    func cutBeforeReading(fraction: Double) throws {
        let url = try largeFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 1 << 19)
        let bytes = try RecordsBytes(contentsOf: url, fileName: "cut.json")
        #expect(!bytes.changed)
        #expect(truncate(url.path, off_t(Double(size) * fraction)) == 0)
        #expect(bytes.changed)
        do {
            let loaded = try RecordsLoader.load(bytes)
            Issue.record("loaded \(loaded.records.people.count) people from a cut file")
        } catch {
            #expect(error.problems.map(\.message) == [RecordsLoader.changedMessage])
        }
    }

    @Test("a file written to in place after loading: the person read again is reported")
    func changedAfterLoading() throws {
        let url = try largeFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try RecordsLoader.load(contentsOf: url)
        #expect(loaded.records.people.count == 4_000)
        #expect(truncate(url.path, 100) == 0)
        #expect(throws: RecordsChangedError.self) { try loaded.records.people.person(at: 3_999) }
    }
}

/// Distinct valid ID numbers for many people (born on 1–9 January 1980).
enum IDFixture {
    static func number(_ i: Int) -> String {
        let body = "320302" + "198001" + String(format: "%02d", 1 + i / 1000) + String(format: "%03d", i % 1000)
        return body + (IDNumber.checkCharacter(for: body).map(String.init) ?? "")
    }
}
