import Foundation
import Pipeline
import Registry
import Service
import Stamping
import TestSupport
import Testing

/// One registry is the only source of an agency's serials, whichever front end stamps (issue 12, point 2).
@Suite struct OneRegistryTests {
    /// Two examined people of unit `unit` (市直).
    static func examined(_ unit: String, from n: Int) -> [String: Any] {
        Samples.records(people: [Samples.person(n, audit: true), Samples.person(n + 1, audit: true)], unit: unit)
    }

    @Test func twoCLIStampsAndTheServiceAtOnce() async throws {
        let harness = try Harness()
        let profile = harness.folder.appendingPathComponent("config/agencies/XZPX")
        let files = try ["徐州市甲单位", "徐州市乙单位"].enumerated().map { index, unit in
            try Samples.write(Self.examined(unit, from: 10 * (index + 1)), to: harness.folder, name: "unit\(index).json")
        }
        let folder = harness.folder
        let environment = Command.cedocsEnvironment
        let serviceRecords = try body(Self.examined(Harness.unitName, from: 1))
        let (cli, service) = try await harness.run { client in
            // Both processes and the request start together; each waits for nothing but the others' short writes.
            let processes = files.enumerated().map { index, file in
                Task.detached {
                    try Command.run(Repository.executable.path,
                                    ["stamp", file.path, "--agency", profile.path,
                                     "--out", folder.appendingPathComponent("out\(index)").path],
                                    environment: environment)
                }
            }
            let stamped = try await client.post("/v1/stamp", token: Harness.agencyToken, records: serviceRecords)
            var outputs: [CommandResult] = []
            for process in processes { outputs.append(try await process.value) }
            return (outputs, stamped)
        }
        #expect(service.status == .ok)
        let report = try JSONSerialization.jsonObject(with: try Files.unzip(service.data)["stamp-report.json"]!) as! [String: Any]
        var serials = (report["issued"] as! [[String: Any]]).map { $0["serial"] as! String }
        for result in cli {
            #expect(result.status == 0, "\(result.stderr)")
            serials += result.stdout.split(separator: "\n").filter { $0.hasPrefix("XZPX-") }.map { String($0.prefix(16)) }
        }
        // Three units of two people: six person results and three unit results.
        #expect(serials.count == 9)
        #expect(Set(serials).count == 9, "every serial distinct: \(serials)")
        #expect(Set(serials) == Set((1...9).map { Serial(agency: "XZPX", year: 2016, sequence: $0)!.description }),
                "the agency's 2016 sequence has no gaps: \(serials.sorted())")
        // All in the one registry of the agency's profile, which verifies each of them.
        let registry = try SQLiteRegistry(file: harness.agencyRegistry, create: false)
        for serial in serials { #expect(try registry.issued(Serial(serial)!) != nil, "\(serial) registered") }
        #expect(try registry.issued(Serial("XZPX-2016-000010")!) == nil)
    }

    @Test func aSecondRegistryCannotBeConfigured() throws {
        let harness = try Harness()
        let file = harness.folder.appendingPathComponent("config/old.yaml")
        try "registry: registry.sqlite\ntokens: []\n".write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: ServiceSetupError.self) { try ServiceConfiguration(contentsOf: file) }
        #expect(error.description.contains("registry：只能是全市共用的 PostgreSQL 登记库"))
        // The city's database is the one registry of every agency: accepted.
        try "registry: postgresql://cedocs@127.0.0.1/cedocs\ntokens: []\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try ServiceConfiguration(contentsOf: file).registry == .postgres(url: "postgresql://cedocs@127.0.0.1/cedocs"))
    }

    @Test func theServiceRefusesAnUnmigratedCityRegistry() throws {
        let url = try TestPostgres.database()
        let harness = try Harness()
        var configuration = harness.configuration
        configuration.registry = .postgres(url: url)
        let error = try #require(throws: ServiceSetupError.self) {
            try CEDocsService(configuration: configuration, templates: try TemplateSet(folder: Repository.templates),
                              fonts: TestFonts.library, creator: "cedocs test", threads: 1)
        }
        #expect(error.description.contains("结构版本为 0，本程序需要版本 3") && error.description.contains("cedocs registry migrate"))
    }
}
