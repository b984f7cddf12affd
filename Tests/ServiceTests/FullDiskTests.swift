import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import TestSupport
import Testing

/// The registry's disk fills up under a running service: `/v1/stamp` answers 507 with a JSON error,
/// records nothing of the request, and works again once there is room, without a restart.
@Suite struct FullDiskTests {
    @Test func stampOnFullDiskThenAgain() async throws {
        let disk = try Tmpfs(kilobytes: 1024)
        defer { disk.unmount() }
        // The agency's profile, and so its registry, on the small disk.
        let harness = try Harness(agencyConfig: disk.folder)
        let registry = harness.agencyRegistry
        let records = try body(StampAndVerifyTests.examined)
        @Sendable func issued() throws -> Int {
            Int(try Command.run("/usr/bin/sqlite3", ["-readonly", registry.path, "SELECT COUNT(*) FROM issue"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        try await harness.run { client in
            let filler = try disk.fill()
            let refused = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
            #expect(refused.status.code == 507, "\(String(buffer: refused.body))")
            #expect(refused.headers[.contentType] == "application/json; charset=utf-8")
            #expect(refused.error["code"] as? String == "storage_full")
            #expect((refused.error["message"] as? String)?.contains("磁盘已满") == true)
            #expect(!String(buffer: refused.body).contains(disk.folder.path), "the server's paths stay with its operator")
            #expect(try issued() == 0, "nothing recorded by halves")

            try FileManager.default.removeItem(at: filler)
            let stamped = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
            #expect(stamped.status == .ok, "\(String(buffer: stamped.body))")
            let entries = try Files.unzip(stamped.data)
            let report = try JSONSerialization.jsonObject(with: entries["stamp-report.json"]!) as! [String: Any]
            #expect((report["issued"] as? [[String: Any]])?.count == 3)
        }
        #expect(try issued() == 3)
    }
}
