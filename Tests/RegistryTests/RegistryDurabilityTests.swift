import Foundation
import GRDB
@testable import Registry
import TestSupport
import Testing

@Suite("The SQLite registry's commits reach the disk before a stamp places its files")
struct RegistryDurabilityTests {
    @Test("the writer syncs at every commit (synchronous = FULL), a new registry or one opened again")
    func commitsAreSynced() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("registry.sqlite")
        for _ in 0..<2 {
            let registry = try SQLiteRegistry(file: file, create: true)
            let level = try registry.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
            #expect(level == 2, "synchronous is \(String(describing: level)), not FULL (2)")
            let mode = try registry.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }
}
