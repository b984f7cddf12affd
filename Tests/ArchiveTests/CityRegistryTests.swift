import Foundation
import Registry
import Testing
import TestSupport

/// `--registry`: the commands on a registry other than the profile's, the city's PostgreSQL above all.
@Suite("cedocs with --registry: migrate, stamp from two processes, sample")
struct CityRegistryTests {
    /// An agency XZPX in a fresh folder, and the registry the test names: a new PostgreSQL database,
    /// migrated by `cedocs registry migrate`, or a SQLite file of its own.
    func setUp(_ store: TestStore, name: String = #function) throws -> (folder: URL, agency: String, registry: String) {
        let folder = Repository.temporaryFolder(name)
        let config = folder.appendingPathComponent("config")
        let made = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                               "--verify-base", "https://verify.example.org/ce", "--config", config.path])
        #expect(made.status == 0, "\(made.stderr)")
        guard store == .postgres else {
            return (folder, config.path + "/agencies/XZPX", folder.appendingPathComponent("city.sqlite").path)
        }
        let url = try TestPostgres.database(name)
        let migrated = try cedocs(["registry", "migrate", "--registry", url])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("审验登记库已从版本 0 迁移到版本 3"))
        return (folder, config.path + "/agencies/XZPX", url)
    }

    @Test("the registry's sample is the archive's: the same results, rate and seed draw the same list",
          arguments: TestStore.allCases)
    func sampleMatchesArchive(_ store: TestStore) throws {
        let (folder, agency, registry) = try setUp(store)
        let out = folder.appendingPathComponent("archive")
        // 买买提·艾力 has no audit yet, so exit 1; the other two are stamped.
        let stamp = try cedocs(["stamp", Repository.example.path, "--agency", agency, "--registry", registry, "--out", out.path])
        #expect(stamp.status == 1, "\(stamp.stderr)")
        let fromArchive = try cedocs(["sample", out.path, "--rate", "0.5", "--seed", "9", "--out", folder.appendingPathComponent("a").path])
        #expect(fromArchive.status == 0, "\(fromArchive.stderr)")
        let fromRegistry = try cedocs(["sample", "--registry", registry, "--year", "2016", "--rate", "0.5", "--seed", "9",
                                       "--out", folder.appendingPathComponent("r").path])
        #expect(fromRegistry.status == 0, "\(fromRegistry.stderr)")
        #expect(fromRegistry.stdout.contains("徐州市职业技术培训中心（XZPX）2016年度：结果 2 份，抽取 1 份"))
        let csv = try Data(contentsOf: folder.appendingPathComponent("r/sample-9.csv"))
        #expect(csv == (try Data(contentsOf: folder.appendingPathComponent("a/sample-9.csv"))))
        #expect(try Poppler.text(folder.appendingPathComponent("r/sample-9.pdf")).compact.contains("继续教育审验结果抽检名单"))
        let empty = try cedocs(["sample", "--registry", registry, "--year", "2015", "--seed", "9", "--out", folder.path])
        #expect(empty.status == 1 && empty.stderr.contains("没有 2015 年度的审验结果"))
    }

    @Test("two cedocs stamp processes at once for one agency and year: every serial once, none skipped",
          arguments: TestStore.allCases)
    func twoProcesses(_ store: TestStore) throws {
        let (folder, agency, registry) = try setUp(store)
        let runs = 2
        let results = Outputs()
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            results.add(Result {
                let records = Samples.records(people: (1...3).map { Samples.person(10 * run + $0, audit: true) },
                                              unit: "徐州市测试单位\(run)")
                let file = try Samples.write(records, to: folder, name: "records-\(run).json")
                return try cedocs(["stamp", file.path, "--agency", agency, "--registry", registry,
                                   "--out", folder.appendingPathComponent("out-\(run)").path])
            })
        }
        for result in results.all {
            let output = try result.get()
            #expect(output.status == 0, "\(output.stderr)")
        }
        // Three people and the unit's 附件2 in each run.
        let issued = try RegistryLocation(registry).open(create: false).results(year: 2016)
        #expect(issued.map(\.serial.sequence) == Array(1...(4 * runs)))
    }
}

/// What the processes of a test printed.
final class Outputs: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<CommandResult, any Error>] = []

    func add(_ result: Result<CommandResult, any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<CommandResult, any Error>] { lock.withLock { results } }
}
