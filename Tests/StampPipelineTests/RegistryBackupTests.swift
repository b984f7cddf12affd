import Foundation
import Records
import Registry
import Stamping
import Testing
import TestSupport

/// `cedocs registry backup` and `restore`, as an agency's IT department runs them beside a live registry.
extension StampCommandTests {
    func serials(in registry: URL) throws -> [String] {
        let result = try Command.run("sqlite3", [registry.path, "SELECT serial FROM issue ORDER BY serial"])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("a backup taken while a stamp run is recording restores to a registry in which every serial it holds verifies")
    func backupDuringStampRun() throws {
        let folder = Repository.temporaryFolder()
        let config = try initAgency(in: folder)
        let profile = config.appendingPathComponent("agencies/XZPX")
        let out = folder.appendingPathComponent("out")
        let stamped = try cedocs(["stamp", Repository.example.path, "--agency", profile.path, "--out", out.path])
        #expect(stamped.status == 1, "\(stamped.stderr)")   // one person not yet audited, as in stampAndVerify
        let issued = try serials(in: profile.appendingPathComponent("registry.sqlite"))
        try #require(issued.count >= 2, "\(issued)")

        // A second run in its recording step: a result written in its transaction, not yet committed,
        // when the backup is taken by another process. The backup waits for nothing and holds none of it.
        // Its folder does not exist yet: the backup makes it.
        let backup = folder.appendingPathComponent("backup/registry-2016.sqlite")
        let live = try SQLiteRegistry(file: profile.appendingPathComponent("registry.sqlite"), create: true)
        let key = try AgencyKey(contentsOf: profile.appendingPathComponent("signing.key"))
        let pending = try live.run { run in
            let serial = try run.nextSerial(agency: "XZPX", year: 2016)
            let content = ResultContent.roster(serial: serial, agencyName: "徐州市职业技术培训中心", unit: "徐州市另一单位",
                                               date: try #require(CalendarDate(year: 2017, month: 3, day: 1)),
                                               passed: 0, failed: 0, results: [],
                                               annualAuditSHA256: String(repeating: "0", count: 64))
            try run.record(try key.sign(content), subject: "徐州市另一单位", replacing: nil)
            let result = try cedocs(["registry", "backup", backup.path, "--agency", profile.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\(issued.count) 个结果"), "\(result.stdout)")
            return serial.description
        }
        #expect(try serials(in: profile.appendingPathComponent("registry.sqlite")) == issued + [pending])
        #expect(try serials(in: backup) == issued)
        // One file, nothing half-written beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup.deletingLastPathComponent().path)
                == [backup.lastPathComponent])

        // Restored into a copy of the profile without a registry, as after the loss of the disk.
        let restored = folder.appendingPathComponent("restored")
        let restoredProfile = restored.appendingPathComponent("agencies/XZPX")
        try FileManager.default.createDirectory(at: restoredProfile, withIntermediateDirectories: true)
        for file in ["agency.yaml", "signing.key", "public.pem", "seal.png"] {
            try FileManager.default.copyItem(at: profile.appendingPathComponent(file), to: restoredProfile.appendingPathComponent(file))
        }
        let restore = try cedocs(["registry", "restore", backup.path, "--agency", restoredProfile.path])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try serials(in: restoredProfile.appendingPathComponent("registry.sqlite")) == issued)
        for serial in issued {
            let verified = try cedocs(["verify", serial, "--config", restored.path])
            #expect(verified.status == 0 && verified.stdout.contains("真实有效：\(serial)"), "\(serial): \(verified.stdout)\(verified.stderr)")
        }
        let file = try cedocs(["verify", out.appendingPathComponent("people/320302198001011239/2016/registration.pdf").path,
                               "--config", restored.path])
        #expect(file.status == 0 && file.stdout.contains("与出具时一致"), "\(file.stdout)\(file.stderr)")
        let never = try cedocs(["verify", pending, "--config", restored.path])
        #expect(never.status == 1 && never.stdout.contains("查无此编号"))

        // Over the live registry, which issued `pending` since: refused, lest the serial be issued twice.
        let refused = try cedocs(["registry", "restore", backup.path, "--agency", profile.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(pending) && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try serials(in: profile.appendingPathComponent("registry.sqlite")) == issued + [pending])
        let forced = try cedocs(["registry", "restore", backup.path, "--agency", profile.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try serials(in: profile.appendingPathComponent("registry.sqlite")) == issued)

        // A backup is never written over, and what is not a registry is not restored.
        #expect(try cedocs(["registry", "backup", backup.path, "--agency", profile.path]).status == 2)
        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data("not sqlite".utf8).write(to: junk)
        let bad = try cedocs(["registry", "restore", junk.path, "--agency", profile.path])
        #expect(bad.status == 2 && bad.stderr.contains("junk.sqlite"), "\(bad.stderr)")
    }
}
