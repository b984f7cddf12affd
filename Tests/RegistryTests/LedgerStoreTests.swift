import Foundation
import GRDB
import Records
@testable import Registry
import Rules
import TestSupport
import Testing

@Suite("The ledger (学时台账) in the registry and in its file")
struct LedgerStoreTests {
    static let id = "320302198001011239"

    func folder(_ name: String = #function) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cedocs-ledger-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A 高级 person's year as the rules make it, with `ledger` as the earlier years.
    func year(_ year: Int, seminarDays: Int?, publicHours: Double, ledger: Ledger) -> LedgerYear {
        var activities = [Activity(subject: .public, kind: .distanceLearning, content: "职业道德",
                                   start: CalendarDate(iso: "\(year)-03-01")!, end: CalendarDate(iso: "\(year)-03-31")!,
                                   hours: publicHours, assessment: "合格", params: ActivityParams(approvedHours: publicHours))]
        if let seminarDays {
            activities.append(Activity(subject: .professional, kind: .advancedSeminar, content: "心血管介入高级研修班",
                                       start: CalendarDate(iso: "\(year)-05-01")!, end: CalendarDate(iso: "\(year)-05-20")!,
                                       params: ActivityParams(days: seminarDays)))
        }
        let person = Person(idNumber: Self.id, name: "测试", level: .senior, activities: activities)
        return LedgerYear(idNumber: Self.id, RulesEngine(ledger: ledger).assess(person, year: year))
    }

    @Test("entries recorded in a stamp's transaction read back; an earlier year recorded later changes the later one",
          arguments: TestStore.allCases)
    func recordAndRead(_ store: TestStore) throws {
        let registry = try store.open()
        let year2 = year(2017, seminarDays: nil, publicHours: 24, ledger: try registry.ledger())
        let none = try registry.run { try $0.record(year2) }
        #expect(none.isEmpty)
        #expect(try registry.ledger().entry(idNumber: Self.id, year: 2017)?.pass == false)

        let year1 = year(2016, seminarDays: 20, publicHours: 24, ledger: try registry.ledger())
        let changes = try registry.run { try $0.record(year1) }
        #expect(changes.map(\.summary) == ["2017年度：总学时 24 → 96，不合格 → 合格"])
        let stored = try registry.ledger()
        #expect(stored.entry(idNumber: Self.id, year: 2016) == year1)
        #expect(stored.entry(idNumber: Self.id, year: 2017)?.pass == true)
        #expect(stored.entry(idNumber: Self.id, year: 2017)?.received.map(\.sourceYear) == [2016])
    }

    @Test("a run reads its own people's years only, in batches however many it names", arguments: TestStore.allCases)
    func ledgerOfSomePeople(_ store: TestStore) throws {
        let registry = try store.open()
        let mine = year(2016, seminarDays: 20, publicHours: 24, ledger: Ledger())
        var other = mine
        other.idNumber = Samples.idNumber(2)
        _ = try registry.run { run in
            try run.record(mine)
            return try run.record(other)
        }
        #expect(try registry.ledger(of: [Self.id]).entries == [mine])
        #expect(try registry.ledger(of: [Samples.idNumber(3)]).entries.isEmpty)
        #expect(try registry.ledger(of: []).entries.isEmpty)
        // More IDs than one statement's batch: both people found wherever they stand.
        let many = (10...1200).map { Samples.idNumber($0) } + [Self.id, Samples.idNumber(2)]
        #expect(Set(try registry.ledger(of: many).entries.map(\.idNumber)) == [Self.id, Samples.idNumber(2)])
        #expect(try registry.ledger().entries.count == 2)
    }

    @Test("a ledger file beside the registry: it adds the years the registry lacks, and a year held differently refuses")
    func fileBesideRegistry() throws {
        let year1 = year(2016, seminarDays: 20, publicHours: 24, ledger: Ledger())
        let registry = Ledger([year1])
        let earlier = year(2015, seminarDays: nil, publicHours: 24, ledger: Ledger())
        let merged = try LedgerFile.merge(file: Ledger([earlier, year1]), name: "ledger.json", into: registry)
        #expect(merged.entries == [earlier, year1])

        var other = year1
        other.ownProfessional = 100
        #expect(throws: RegistryError.self) { try LedgerFile.merge(file: Ledger([earlier, other]), name: "ledger.json", into: registry) }
        do {
            _ = try LedgerFile.merge(file: Ledger([other]), name: "ledger.json", into: registry)
        } catch {
            #expect(error.message.hasPrefix("学时台账 ledger.json 与审验登记库的台账不一致：\(Self.id) 2016年度（登记库：合格，总学时 96；文件：合格，总学时 124）"))
        }
    }

    @Test("a cycle's year keeps its 聘任周期 in the file and the registry, and is judged again over it",
          arguments: TestStore.allCases)
    func cycleStored(_ store: TestStore) throws {
        let cycle = AppointmentCycle(firstYear: 2016, years: 2)
        func person(_ hours: Double, _ year: Int) -> Person {
            Person(idNumber: Self.id, name: "测试", level: .senior,
                   activities: [Activity(subject: .public, kind: .distanceLearning, content: "职业道德",
                                         start: CalendarDate(iso: "\(year)-03-01")!, end: CalendarDate(iso: "\(year)-03-31")!,
                                         assessment: "合格", params: ActivityParams(approvedHours: hours))],
                   appointmentCycle: cycle)
        }
        let registry = try store.open()
        let year2 = LedgerYear(idNumber: Self.id, RulesEngine(ledger: try registry.ledger()).assess(person(24, 2017), year: 2017))
        #expect(year2.cycle == cycle && !year2.pass)
        _ = try registry.run { try $0.record(year2) }
        let year1 = LedgerYear(idNumber: Self.id, RulesEngine(ledger: try registry.ledger()).assess(person(120, 2016), year: 2016))
        let changes = try registry.run { try $0.record(year1) }
        #expect(changes.map(\.summary) == ["2017年度：总学时 24 → 24，不合格 → 合格"])
        let file = try LedgerFile.decode(try LedgerFile.encode(try registry.ledger()), name: "ledger.json")
        #expect(file.entry(idNumber: Self.id, year: 2017)?.cycle == cycle)
        #expect(file == (try registry.ledger()))
    }

    @Test("a failed run records no ledger entry either", arguments: TestStore.allCases)
    func rolledBack(_ store: TestStore) throws {
        let registry = try store.open()
        struct Died: Error {}
        #expect(throws: Died.self) {
            try registry.run { run in
                _ = try run.record(year(2016, seminarDays: 20, publicHours: 24, ledger: Ledger()))
                throw Died()
            }
        }
        #expect(try registry.ledger().entries.isEmpty)
    }

    @Test("a registry made before the ledger opens: read-only it has an empty ledger, opened to write it gains the table")
    func olderRegistry() throws {
        let file = try folder().appendingPathComponent("registry.sqlite")
        let pool = try DatabasePool(path: file.path)
        try SQLiteSchema.migrator.migrate(pool, upTo: "v2-stamp-requests")
        try pool.close()

        #expect(try SQLiteRegistry(file: file, create: false).ledger().entries.isEmpty)
        let registry = try SQLiteRegistry(file: file, create: true)
        let entry = year(2016, seminarDays: 20, publicHours: 24, ledger: Ledger())
        _ = try registry.run { try $0.record(entry) }
        #expect(try registry.ledger().entries == [entry])
    }

    @Test("a registry a newer cedocs migrated further is refused, naming the migrations, and left as it is")
    func newerRegistry() throws {
        let file = try folder().appendingPathComponent("registry.sqlite")
        _ = try SQLiteRegistry(file: file, create: true)
        let pool = try DatabasePool(path: file.path)
        try pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try pool.close()
        for create in [true, false] {
            let error = try #require(throws: RegistryError.self) { try SQLiteRegistry(file: file, create: create) }
            #expect(error.message.contains("v9-from-the-future") && error.message.contains("v3-ledger") && error.message.contains("更新版本的 cedocs"))
        }
    }

    @Test("the ledger file: what is written reads back the same; another format is refused, naming the file")
    func fileRoundTrip() throws {
        var ledger = Ledger()
        ledger.record(year(2016, seminarDays: 20, publicHours: 24, ledger: ledger))
        ledger.record(year(2017, seminarDays: nil, publicHours: 24, ledger: ledger))
        let data = try LedgerFile.encode(ledger)
        #expect(try LedgerFile.decode(data, name: "ledger.json") == ledger)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""format":"cedocs/ledger/1""#))
        #expect(text.contains(#""reason":"carry_over""#))

        let other = Data(#"{"format": "cedocs/ledger/9", "entries": []}"#.utf8)
        #expect(throws: RegistryError.self) { try LedgerFile.decode(other, name: "old.json") }
        do {
            _ = try LedgerFile.decode(other, name: "old.json")
        } catch {
            #expect(error.message == "学时台账 old.json 的 format 为「cedocs/ledger/9」，应为「cedocs/ledger/1」")
        }
    }
}
