import Foundation
import Testing
@testable import Records

/// `appointment_cycle` (聘任周期, 细则二): the unit's is each person's, a person's own takes its place.
@Suite("聘任周期 in the records")
struct AppointmentCycleTests {
    /// The unit's cycle 2016–2018; the second person has 2015–2019 of their own.
    static var data: Data {
        var unit = Fixture.unit
        unit["appointment_cycle"] = ["first_year": 2016, "years": 3]
        let people = [Fixture.person(id: "320302198001011239"),
                      Fixture.person(["appointment_cycle": ["first_year": 2015, "years": 5]], id: "320303199107152348")]
        return Fixture.file(people: people, ["unit": unit])
    }

    static func check(_ loaded: LoadedRecords) throws {
        #expect(loaded.problems.isEmpty)
        #expect(loaded.records.unit.appointmentCycle == AppointmentCycle(firstYear: 2016, years: 3))
        let cycles = try loaded.records.people.all().map(\.appointmentCycle)
        #expect(cycles == [AppointmentCycle(firstYear: 2016, years: 3), AppointmentCycle(firstYear: 2015, years: 5)])
    }

    @Test("the unit's cycle is each person's; a person's own replaces it (decoded in memory)")
    func inMemory() throws {
        try Self.check(try Fixture.load(Self.data))
    }

    @Test("the same when people are read again from the mapped file (the unit's cycle travels with the list)")
    func fromFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("records.json")
        try Self.data.write(to: file)
        try Self.check(try RecordsLoader.load(contentsOf: file))
    }

    @Test("without a cycle anywhere, nobody has one")
    func none() throws {
        #expect(try Fixture.load(Fixture.file()).records.people.all().map(\.appointmentCycle) == [nil])
    }

    @Test("a cycle missing its length or with a length out of range is an error at its path, in Chinese")
    func invalid() throws {
        let problems = try Fixture.personProblems(Fixture.person(["appointment_cycle": ["first_year": 2016, "years": 0]]))
        #expect(problems.errors.map(\.description) == ["people[0].appointment_cycle.years: 聘任周期年数应为不小于 1 的整数，实际为 0"])
        var unit = Fixture.unit
        unit["appointment_cycle"] = ["first_year": 2016]
        let fileProblems = Fixture.fileProblems(Fixture.file(["unit": unit]))
        #expect(fileProblems.errors.map(\.path) == ["unit.appointment_cycle.years"])
    }
}
