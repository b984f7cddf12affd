import Archiving
import Documents
import Foundation
@testable import Pipeline
import Records
import Rules
import Testing
import TestSupport

/// A run keeps 附件2's rows packed (`Roster`) and digests its people's records as they come
/// (`InputDigest.RosterInput`) instead of holding both until the roster is made (issue 18).
@Suite("附件2's rows, packed while a run collects them")
struct PackedRosterTests {
    /// People with rare characters, long and empty titles, fractional hours, audited or not.
    static func loaded() throws -> LoadedRecords {
        var people = (0..<40).map { Samples.person($0, name: $0 % 3 == 0 ? "𠀀𪚥䶮\($0)" : "人员\($0)号", audit: $0 % 2 == 0) }
        people[1]["title"] = String(repeating: "高级工程师", count: 30)
        var half = Samples.activity(content: "半天讲座", hours: 2)
        half["hours"] = 2.5
        half["params"] = ["approved_hours": 2.5]
        people[2]["activities"] = [half, Samples.activity(content: "专业课程", subject: "professional", hours: 48, day: 2)]
        let data = try JSONSerialization.data(withJSONObject: Samples.records(people: people))
        return try RecordsLoader.load(data: data, fileName: "records.json")
    }

    @Test("every row reads back as it was added, in order")
    func roundTrip() throws {
        let (_, entries) = try Self.entries()
        var roster = Roster()
        roster.reserveCapacity(3)  // fewer than added: it still grows
        for entry in entries { roster.append(entry) }
        #expect(Array(roster) == entries)
        #expect(roster.count == 40)
        #expect(roster[0].name.hasPrefix("𠀀𪚥䶮"))
        #expect(roster[0].auditDate != nil && roster[1].auditDate == nil)
        #expect(entries.contains { $0.totalHours != $0.totalHours.rounded() }, "a fractional total is among the rows")
        #expect(Array(Roster(entries.prefix(0))).isEmpty)
    }

    /// The rows of `loaded()`, as a run makes them.
    static func entries() throws -> (LoadedRecords, [RosterEntry]) {
        let loaded = try Self.loaded()
        let engine = RulesEngine()
        return (loaded, try loaded.records.people.all().map { RosterEntry($0, engine.assess($0, year: loaded.records.year)) })
    }

    @Test("spilled a chunk at a time to a scratch file, every row reads back as added, in any order; the tallies kept as they came")
    func spilledRoundTrip() throws {
        let (_, entries) = try Self.entries()
        let spill = try #require(ChunkScratch.forLists(of: 2000, in: Repository.temporaryFolder()))
        var roster = Roster(spill: spill, chunkRows: 7)
        roster.reserveCapacity(entries.count)
        for entry in entries { roster.append(entry) }
        #expect(roster.count == entries.count)
        #expect(Array(roster) == entries)
        #expect(entries.indices.reversed().map { roster[$0] } == entries.reversed(), "read back out of order")
        #expect(roster.passedCount == entries.filter(\.passed).count)
        #expect(roster.latestAuditDate == entries.compactMap(\.auditDate).max())
        #expect(roster.readFailure == nil)
        #expect(ChunkScratch.forLists(of: ListChunks.defaultRows, in: Repository.temporaryFolder()) == nil,
                "a roster of one chunk stays in memory")
    }

    @Test("a spill that cannot keep a chunk leaves it in memory: no row is lost")
    func spillRefused() throws {
        let (_, entries) = try Self.entries()
        var roster = Roster(spill: FailingSpill(keeps: false), chunkRows: 4)
        for entry in entries { roster.append(entry) }
        #expect(Array(roster) == entries)
        #expect(roster.readFailure == nil)
    }

    @Test("rows that cannot be read back: 附件2 is not made, with the reason, rather than made with blank rows")
    func unreadableRows() throws {
        let (loaded, entries) = try Self.entries()
        var roster = Roster(spill: FailingSpill(keeps: true), chunkRows: 4)
        for entry in entries { roster.append(entry) }
        let renderer = DocumentRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library)
        let data = DocumentBuilder(records: loaded.records, creator: "cedocs test").annualAudit(roster)
        #expect(throws: ProduceError.self) { try renderer.produce(.annualAudit, data, to: .memory) }
        #expect(roster.readFailure?.contains("读回时失败") == true)
        do {
            _ = try renderer.produce(.annualAudit, data, to: .memory)
        } catch {
            #expect(error.description.contains("单位“徐州市测试单位”") && error.description.contains("读回时失败"), "\(error)")
        }
    }

    @Test("附件2 from a spilled roster is the very PDF of one kept in memory")
    func spilledSameBytes() throws {
        let (loaded, all) = try Self.entries()
        // Without the 150-character title, which no 附件2 cell holds.
        let entries = all.filter { $0.titleAndLevel.count < 40 }
        let spill = try #require(ChunkScratch.forLists(of: 2000, in: Repository.temporaryFolder()))
        var spilled = Roster(spill: spill, chunkRows: 3)
        for entry in entries { spilled.append(entry) }
        let renderer = DocumentRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library)
        let builder = DocumentBuilder(records: loaded.records, creator: "cedocs test")
        let fromDisk = try renderer.produce(.annualAudit, builder.annualAudit(spilled), to: .memory)
        let fromMemory = try renderer.produce(.annualAudit, builder.annualAudit(Roster(entries)), to: .memory)
        #expect(fromDisk.pages >= 2)
        #expect(fromDisk.bytes == fromMemory.bytes)
    }

    @Test("the roster's input digest is the SHA-256 of its parts joined by U+001F, as archives stamped before recorded it")
    func inputDigest() throws {
        let loaded = try Self.loaded()
        let unit = InputDigest.RecordText.unit(of: loaded.records)
        let records = try loaded.records.people.all().map { InputDigest.record(.init($0, year: loaded.records.year, unit: unit)) }
        var input = InputDigest.RosterInput(of: loaded.records)
        for record in records { input.add(record) }
        let joined = (["roster", String(loaded.records.year), CanonicalText.of(loaded.records.unit)] + records)
            .joined(separator: "\u{1F}")
        let expected = FileDigest.sha256(Data(joined.utf8))
        #expect(input.digest == expected)
        var other = InputDigest.RosterInput(of: loaded.records)
        for record in records.reversed() { other.add(record) }
        #expect(other.digest != expected, "the order of the people counts")
    }
}
