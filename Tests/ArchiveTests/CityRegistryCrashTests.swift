import Foundation
import Registry
import Testing
import TestSupport

/// Stamping against the city's PostgreSQL when the connection or the process fails at the worst moment
/// (issue 16, point 4): nothing is half recorded, no serial is issued twice or skipped, and running the
/// same stamp again ends with the same serials on the files and in the registry.
@Suite("stamping when the database connection or the stamping process dies mid-transaction")
struct CityRegistryCrashTests {
    @Test("a connection lost at COMMIT: the stamp says the outcome is unknown; run again, it reuses what was recorded",
          arguments: [true, false])
    func lostAtCommit(_ delivered: Bool) throws {
        let (folder, agency, registry) = try CityRegistryTests().setUp(.postgres, name: "lostAtCommit\(delivered)")
        let relay = try FaultyRelay(to: registry, fault: delivered ? .cutAnswerTo("COMMIT") : .cutBefore("COMMIT"))
        defer { relay.stop() }
        let out = folder.appendingPathComponent("archive")
        let stamp = ["stamp", Repository.example.path, "--agency", agency, "--registry", relay.url(registry), "--out", out.path]
        let first = try cedocs(stamp)
        #expect(relay.struck.wait(timeout: .now()) == .success, "the fault never went off")
        #expect(first.status == 2, "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("无法确定是否已登记"), "\(first.stderr)")
        let recorded = try Self.serials(registry)
        // Delivered, the COMMIT took effect: both people's results. Not delivered: nothing.
        #expect(recorded == (delivered ? Self.issued : []))

        let second = try cedocs(stamp)
        // 买买提·艾力 has no audit yet (exit 1); the others are stamped, or found recorded and reused.
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stdout.contains(delivered ? "（未变，沿用）" : "（新出具）"), "\(second.stdout)")
        #expect(try Self.serials(registry) == Self.issued)
        try Self.expectFilesVerify(out, agency: agency, registry: registry, count: 2)
    }

    @Test("a stamping process killed with SIGKILL mid-transaction records nothing; the retry issues 1 and 2, none skipped")
    func killedMidTransaction() throws {
        let (folder, agency, registry) = try CityRegistryTests().setUp(.postgres)
        // The first document row comes after the results' rows in the one transaction of the run.
        let relay = try FaultyRelay(to: registry, fault: .silence(after: "INSERT INTO document"))
        defer { relay.stop() }
        let out = folder.appendingPathComponent("archive")
        let process = Process()
        process.executableURL = Repository.executable
        process.arguments = ["stamp", Repository.example.path, "--agency", agency, "--registry", relay.url(registry), "--out", out.path]
        process.environment = Command.cedocsEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let struck = relay.struck.wait(timeout: .now() + 120)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(struck == .success, "the stamp never reached its first document row")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.serials(registry) == [])
        #expect(try RegistryLocation(registry).open(create: false).lastSequence(agency: "XZPX", year: 2016) == 0)

        // The killed process's transaction is rolled back once its connection is gone, so the counter
        // it held is free again: the retry is not kept waiting and starts at 1.
        let retry = try cedocs(["stamp", Repository.example.path, "--agency", agency, "--registry", registry, "--out", out.path])
        #expect(retry.status == 1, "\(retry.stderr)")
        #expect(try Self.serials(registry) == Self.issued)
        let check = try cedocs(["archive", "check", out.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try Self.expectFilesVerify(out, agency: agency, registry: registry, count: 2)
    }

    /// The example's stamped results: its two audited people (附件2 waits for 买买提·艾力's audit).
    static let issued = ["XZPX-2016-000001", "XZPX-2016-000002"]

    /// The serials in the registry for 2016, each with no successor.
    static func serials(_ registry: String) throws -> [String] {
        let results = try RegistryLocation(registry).open(create: false).results(year: 2016)
        #expect(results.allSatisfy { $0.supersededBy == nil })
        return results.map(\.serial.description).sorted()
    }

    /// Every stamped registration.pdf under `out` verifies against the registry (its serial there, its
    /// bytes the ones recorded): `count` of them.
    static func expectFilesVerify(_ out: URL, agency: String, registry: String, count: Int) throws {
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.lastPathComponent == "registration.pdf" }
        #expect(files.count == count)
        for file in files {
            let verified = try cedocs(["verify", file.path, "--agency", agency, "--registry", registry])
            #expect(verified.status == 0, "\(file.path): \(verified.stdout)\(verified.stderr)")
        }
    }
}
