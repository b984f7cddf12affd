import Foundation
import Records
import Rules
import Testing
@testable import Stamping

/// The rules of issuing, the same for `cedocs stamp` and the service (issue 12, point 1).
@Suite("issuing: who may be stamped, the district rule, the serial protocol")
struct IssuerTests {
    func issuer() throws -> Issuer {
        let profile = try AgencyProfile(name: "徐州市职业技术培训中心", code: "XZPX", districts: ["市直"], seal: nil,
                                        sealDiameter: 42, verifyBase: "https://verify.example.org/ce",
                                        folder: temporaryFolder(), source: "test")
        return Issuer(profile: profile, key: AgencyKey())
    }

    @Test("a unit of another district, or of none, is refused, naming both")
    func district() throws {
        let issuer = try issuer()
        try issuer.admit(EmployerUnit(name: "徐州市第一人民医院", nature: .publicInstitution, authority: "卫健委", district: "市直"))
        let other = try #require(throws: StampingError.self) {
            try issuer.admit(EmployerUnit(name: "铜山区医院", nature: .publicInstitution, authority: "卫健委", district: "铜山区"))
        }
        #expect(other.message.contains("铜山区医院") && other.message.contains("属于“铜山区”") && other.message.contains("市直"))
        let none = try #require(throws: StampingError.self) {
            try issuer.admit(EmployerUnit(name: "某单位", nature: .publicInstitution, authority: "卫健委"))
        }
        #expect(none.message.contains("未写明所属地区"))
    }

    @Test("only people this agency examined, with a record the rules accept")
    func whoIsStamped() throws {
        let issuer = try issuer()
        var (person, assessment) = examinedPerson()
        #expect(issuer.refusal(person, assessment) == nil)
        person.audit?.agency = "铜山区职称办"
        #expect(issuer.refusal(person, assessment)?.contains("铜山区职称办") == true)
        person.audit = nil
        #expect(issuer.refusal(person, assessment)?.contains("尚未审验") == true)
        (person, assessment) = examinedPerson()
        assessment.errors = ["activities[0]: 申报学时 40 与认定学时 36 不符"]
        #expect(issuer.refusal(person, assessment)?.contains("申报学时 40 与认定学时 36 不符") == true)
        #expect(Issuer.rosterRefusal(people: 2, results: 2, rejected: 0) == nil)
        #expect(Issuer.rosterRefusal(people: 2, results: 1, rejected: 0)?.contains("1 人未出具结果") == true)
        #expect(Issuer.rosterRefusal(people: 2, results: 2, rejected: 1)?.contains("1 人的记录有误") == true)
    }

    @Test("the same content keeps its serial and signature; changed content is signed anew, replacing the old")
    func serialProtocol() throws {
        let issuer = try issuer()
        let first = try issuer.issue(content(), current: nil)
        guard case .issued(let signed, nil) = first else {
            Issue.record("a first result is issued")
            return
        }
        guard case .reused(let again) = try issuer.issue(content(), current: signed) else {
            Issue.record("the same content is reused")
            return
        }
        #expect(again == signed)
        guard case .issued(let changed, let replacing) = try issuer.issue(content(serial: "XZPX-2016-000124", name: "张卫"),
                                                                          current: signed) else {
            Issue.record("changed content is issued anew")
            return
        }
        #expect(replacing?.description == "XZPX-2016-000123" && changed.content.serial?.description == "XZPX-2016-000124")
    }

    @Test("a check code typed by hand: case, dashes, blanks and O/I/L do not matter")
    func checkCode() throws {
        let signed = try AgencyKey().sign(content())
        let code = signed.checkCode
        #expect(signed.checkCodeMatches(code))
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
        #expect(signed.checkCodeMatches(typed))
        #expect(!signed.checkCodeMatches("0000-0000") || code == "0000-0000")
    }
}
