import Foundation
import Records
import Registry
import Stamping
import Testing

@Suite("The registry of issued results")
struct RegistryTests {
    let key = AgencyKey()

    func newRegistry(_ name: String = #function) throws -> Registry {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cedocs-registry-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Registry(file: folder.appendingPathComponent("registry.sqlite"), create: true)
    }

    func signed(_ serial: Serial, unit: String = "徐州市测试单位") throws -> SignedResult {
        try key.sign(.roster(serial: serial, agencyName: "徐州市职业技术培训中心", unit: unit,
                             date: CalendarDateFixture.day, passed: 1, failed: 0, results: [],
                             annualAuditSHA256: String(repeating: "0", count: 64)))
    }

    @Test("serials follow each other per agency and year; a newer result supersedes the one in force")
    func sequenceAndSupersede() throws {
        let registry = try newRegistry()
        let first = try registry.run { run in
            let serial = try run.nextSerial(agency: "XZPX", year: 2016)
            try run.record(try signed(serial), subject: "徐州市测试单位", replacing: nil)
            try run.record(IssuedDocument(kind: "annual-audit", sha256: "ab"), of: serial)
            return serial
        }
        #expect(first.description == "XZPX-2016-000001")
        let second = try registry.run { run in
            #expect(try run.nextSerial(agency: "XZPX", year: 2017).description == "XZPX-2017-000001")
            let current = try #require(try run.current(agency: "XZPX", year: 2016, kind: .roster, subject: "徐州市测试单位"))
            let serial = try run.nextSerial(agency: "XZPX", year: 2016)
            try run.record(try signed(serial, unit: "徐州市测试单位（更正）"), subject: "徐州市测试单位", replacing: current.serial)
            return serial
        }
        #expect(second.description == "XZPX-2016-000002")
        let old = try #require(try registry.issued(first))
        #expect(old.supersededBy == second)
        #expect(old.documents == [IssuedDocument(kind: "annual-audit", sha256: "ab")])
        #expect(try registry.issued(documentSHA256: "ab")?.0.serial == first)
        #expect(try registry.issued(second)?.supersededBy == nil)
        #expect(try registry.issued(Serial("XZPX-2016-000003")!) == nil)
    }

    @Test("a run that fails records nothing: all or none")
    func allOrNothing() throws {
        let registry = try newRegistry()
        struct Died: Error {}
        #expect(throws: Died.self) {
            try registry.run { run in
                let serial = try run.nextSerial(agency: "XZPX", year: 2016)
                try run.record(try signed(serial), subject: "徐州市测试单位", replacing: nil)
                throw Died()
            }
        }
        #expect(try registry.issued(Serial("XZPX-2016-000001")!) == nil)
        let serial = try registry.run { run in try run.nextSerial(agency: "XZPX", year: 2016) }
        #expect(serial.sequence == 1)
    }

    @Test("the same serial is never recorded twice")
    func noReuse() throws {
        let registry = try newRegistry()
        let serial = Serial("XZPX-2016-000001")!
        try registry.run { run in try run.record(try signed(serial), subject: "甲单位", replacing: nil) }
        #expect(throws: RegistryError.self) {
            try registry.run { run in try run.record(try signed(serial, unit: "乙单位"), subject: "乙单位", replacing: nil) }
        }
    }

    @Test("verify opens read-only and refuses a registry that does not exist")
    func readOnly() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-no-such-\(UUID()).sqlite")
        let error = try #require(throws: RegistryError.self) { try Registry(file: missing, create: false) }
        #expect(error.message.contains("尚未盖章出具过结果"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
}

enum CalendarDateFixture {
    static let day = CalendarDate(iso: "2017-02-10")!
}
