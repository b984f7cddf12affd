import Foundation
import Records
import Registry
import Rules
import Stamping
import TestSupport
import Testing

@Suite("An agency's search of the results it issued, on either store")
struct RegistrySearchTests {
    let key = AgencyKey()
    static let zhang = "320302198001011239"
    static let li = "32030219850202123X"

    /// Records a person's result under the agency's next serial of `year`; returns the serial.
    @discardableResult
    func issue(_ registry: any Registry, agency: String, year: Int = 2016, id: String, name: String) throws -> Serial {
        try registry.run { run in
            let serial = try run.nextSerial(agency: agency, year: year)
            let current = try run.current(agency: agency, year: year, kind: .person, subject: id)
            let person = Person(idNumber: id, name: name, level: .intermediate, activities: [],
                                audit: Audit(agency: "徐州市职业技术培训中心", date: CalendarDate(iso: "2017-02-10")!))
            let assessment = PersonAssessment(year: year, level: .intermediate, activities: [], publicHours: 24,
                                              professionalHours: 50, totalHours: 74, requiredTotal: 72, requiredPublic: 24,
                                              verdict: .pass, errors: [], warnings: [])
            let content = ResultContent.person(serial: serial, agencyName: "徐州市职业技术培训中心", unit: "徐州市测试单位",
                                               person: person, assessment: assessment,
                                               registrationSHA256: String(repeating: "a", count: 64),
                                               certificateSHA256: String(repeating: "b", count: 64))
            try run.record(try key.sign(content), subject: id, replacing: current?.serial)
            return serial
        }
    }

    @Test("by serial, by 公民身份号码, by a part of the name; the agency's own results only, the latest first",
          arguments: TestStore.allCases)
    func search(_ store: TestStore) throws {
        let registry = try store.open()
        let first = try issue(registry, agency: "XZPX", id: Self.zhang, name: "张卫东")
        let corrected = try issue(registry, agency: "XZPX", id: Self.zhang, name: "张卫东")  // supersedes the first
        let later = try issue(registry, agency: "XZPX", year: 2017, id: Self.zhang, name: "张卫东")
        let li = try issue(registry, agency: "XZPX", id: Self.li, name: "李%_!四")
        // Another agency's result for the same person: never among XZPX's.
        let other = try issue(registry, agency: "TSZC", id: Self.zhang, name: "张卫东")

        func found(_ text: String, agency: String = "XZPX", limit: Int = 50) throws -> [Serial] {
            try registry.search(agency: agency, text: text, limit: limit).map(\.serial)
        }
        #expect(try found(first.description) == [first])
        #expect(try found(first.description.lowercased()) == [first])
        #expect(try found(Self.zhang) == [later, corrected, first])
        #expect(try found("卫东") == [later, corrected, first])
        #expect(try found("卫东", limit: 2) == [later, corrected])
        #expect(try found(" 32030219850202123x ") == [li])
        // LIKE's own characters are letters of the name, not wildcards.
        #expect(try found("%_!") == [li])
        #expect(try found("%").map(\.description) == [li.description])
        #expect(try found("王").isEmpty)
        #expect(try found(other.description).isEmpty)
        #expect(try found("张卫东", agency: "TSZC") == [other])
        let old = try #require(try registry.search(agency: "XZPX", text: first.description, limit: 5).first)
        #expect(old.supersededBy == corrected && old.signed.content["person_name"] == "张卫东")
    }
}
