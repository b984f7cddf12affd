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
        let loaded = try Self.loaded()
        let engine = RulesEngine()
        let entries = try loaded.records.people.all().map { RosterEntry($0, engine.assess($0, year: loaded.records.year)) }
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
