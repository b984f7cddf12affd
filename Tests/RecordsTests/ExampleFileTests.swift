import Foundation
import Testing
@testable import Records

@Suite("examples/example.json")
struct ExampleFileTests {
    @Test func loadsThreeValidPeopleWithoutProblems() throws {
        let loaded = try RecordsLoader.load(contentsOf: Fixture.exampleURL)
        #expect(loaded.fileName == "example.json")
        #expect(loaded.problems == [])
        #expect(loaded.rejected == [])
        #expect(loaded.records.people.count == 3)
        #expect(loaded.sourceIndices == [0, 1, 2])
        #expect(loaded.records.year == 2016)
        #expect(loaded.records.unit.nature == .publicInstitution)
        #expect(loaded.records.unit.district == "市直")
    }

    @Test func keepsTheValuesTyped() throws {
        let people = try RecordsLoader.load(contentsOf: Fixture.exampleURL).records.people.all()
        let zhang = people[0]
        #expect(zhang.idNumber == "320302198001011239")
        #expect(zhang.gender == .male)
        #expect(zhang.birth == YearMonth(year: 1980, month: 1))
        #expect(zhang.level == .intermediate)
        #expect(zhang.purpose == .qualification)
        #expect(zhang.audit == Audit(agency: "徐州市职业技术培训中心", date: CalendarDate(year: 2017, month: 2, day: 10)!))
        #expect(zhang.activities.count == 3)
        #expect(zhang.activities[0].params.approvedHours == 24)
        #expect(zhang.activities[1].params == ActivityParams(days: 3, scope: "national"))
        #expect(zhang.activities[1].end == CalendarDate(year: 2016, month: 10, day: 14))
        // A rare character outside the BMP and the middle dot of a minority name arrive intact.
        #expect(people[1].name == "李𠀾")
        #expect(people[2].name == "买买提·艾力")
        #expect(people[2].activities[0].hours == nil)
        #expect(people[2].audit == nil)
    }
}
