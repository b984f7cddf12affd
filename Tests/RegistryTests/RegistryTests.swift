import Foundation
import Records
import Registry
import Stamping
import TestSupport
import Testing

@Suite("The registry of issued results, on either store")
struct RegistryTests {
    let key = AgencyKey()

    func signed(_ serial: Serial, unit: String = "徐州市测试单位") throws -> SignedResult {
        try key.sign(.roster(serial: serial, agencyName: "徐州市职业技术培训中心", unit: unit,
                             date: CalendarDateFixture.day, passed: 1, failed: 0, results: [],
                             annualAuditSHA256: String(repeating: "0", count: 64)))
    }

    @Test("serials follow each other per agency and year; a newer result supersedes the one in force",
          arguments: TestStore.allCases)
    func sequenceAndSupersede(_ store: TestStore) throws {
        let registry = try store.open()
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
        #expect(try registry.current(agency: "XZPX", year: 2016, kind: .roster, subject: "徐州市测试单位")?.serial == second)
        // The one in force, once however often it was superseded; none of another kind, agency or year.
        #expect(try registry.subjectsInForce(agency: "XZPX", year: 2016, kind: .roster) == ["徐州市测试单位"])
        #expect(try registry.subjectsInForce(agency: "XZPX", year: 2016, kind: .person).isEmpty)
        #expect(try registry.subjectsInForce(agency: "XZPX", year: 2017, kind: .roster).isEmpty)
        #expect(try registry.subjectsInForce(agency: "XZJS", year: 2016, kind: .roster).isEmpty)
        #expect(try registry.lastSequence(agency: "XZPX", year: 2016) == 2)
        #expect(try registry.results(year: 2016).map(\.serial) == [first, second])
        #expect(try registry.results(year: 2018).isEmpty)
    }

    @Test("a run that fails records nothing: all or none", arguments: TestStore.allCases)
    func allOrNothing(_ store: TestStore) throws {
        let registry = try store.open()
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

    @Test("the same serial is never recorded twice, and none is skipped", arguments: TestStore.allCases)
    func noReuseNoGap(_ store: TestStore) throws {
        let registry = try store.open()
        let serial = Serial("XZPX-2016-000001")!
        try registry.run { run in try run.record(try signed(serial), subject: "甲单位", replacing: nil) }
        let again = try #require(throws: RegistryError.self) {
            try registry.run { run in try run.record(try signed(serial, unit: "乙单位"), subject: "乙单位", replacing: nil) }
        }
        #expect(again.message.contains("不是机构 XZPX 2016 年度的下一个编号"))
        #expect(throws: RegistryError.self) {
            try registry.run { run in try run.record(try signed(Serial("XZPX-2016-000003")!, unit: "乙单位"), subject: "乙单位", replacing: nil) }
        }
        #expect(try registry.results(year: 2016).map(\.serial) == [serial])
    }

    @Test("stamps at once for one agency and year, through two registries (connections): every serial once, none skipped",
          arguments: TestStore.allCases)
    func concurrentStamps(_ store: TestStore) throws {
        let location = try store.location()
        let registries = [try location.open(create: true), try location.open(create: true)]
        let threads = 6, stamps = 8
        let done = DispatchGroup()
        let failures = Failures()
        for thread in 0..<threads {
            let registry = registries[thread % 2]
            let key = key
            DispatchQueue.global().async(group: done) {
                for stamp in 0..<stamps {
                    do {
                        try registry.run { run in
                            let serial = try run.nextSerial(agency: "XZPX", year: 2016)
                            let content = ResultContent.roster(serial: serial, agencyName: "徐州市职业技术培训中心",
                                                               unit: "单位\(thread)-\(stamp)", date: CalendarDateFixture.day,
                                                               passed: 1, failed: 0, results: [],
                                                               annualAuditSHA256: String(repeating: "0", count: 64))
                            try run.record(try key.sign(content), subject: "单位\(thread)-\(stamp)", replacing: nil)
                        }
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
        }
        done.wait()
        #expect(failures.all.isEmpty)
        let sequences = try registries[0].results(year: 2016).map(\.serial.sequence)
        #expect(sequences == Array(1...(threads * stamps)))
        #expect(try registries[1].lastSequence(agency: "XZPX", year: 2016) == threads * stamps)
    }

    @Test("the log of stamp requests keeps what it was given, oldest first", arguments: TestStore.allCases)
    func stampRequestLog(_ store: TestStore) throws {
        let registry = try store.open()
        let requests = [
            StampRequest(requester: "市职业技术培训中心", agency: "XZPX", unit: "徐州市测试单位", year: 2016, people: 3, status: 200,
                         outcome: "已盖章", serials: ["XZPX-2016-000001", "XZPX-2016-000002"], requestedAt: "2017-02-10T01:00:00Z"),
            StampRequest(requester: "某单位", agency: nil, unit: nil, year: nil, people: nil, status: 403,
                         outcome: "单位令牌不能盖章", serials: [], requestedAt: "2017-02-10T01:00:01Z"),
        ]
        for request in requests { try registry.log(request) }
        #expect(try registry.stampRequests() == requests)
    }

    @Test("verify opens read-only and refuses a registry that does not exist")
    func readOnly() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-no-such-\(UUID()).sqlite")
        let error = try #require(throws: RegistryError.self) { try SQLiteRegistry(file: missing, create: false) }
        #expect(error.message.contains("尚未盖章出具过结果"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }
}

/// What the threads of a test ran into.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

enum CalendarDateFixture {
    static let day = CalendarDate(iso: "2017-02-10")!
}
