import Foundation
import GRDB

/// Backing up and restoring a live register (`cedocs registry backup`/`restore`) with SQLite's online
/// backup: the copy is read in one read transaction, so a stamp run's results are in it all or not at
/// all, and neither the run nor verification waits for it (WAL).
extension SQLiteRegistry {
    /// Copies the register into `backup`, a new self-contained SQLite file (no -wal beside it), written
    /// whole or not at all. Returns how many results it holds.
    public func backup(to backup: URL) throws(RegistryError) -> Int {
        guard !FileManager.default.fileExists(atPath: backup.path) else {
            throw RegistryError("备份文件 \(backup.path) 已存在，不会覆盖")
        }
        let partial = backup.deletingLastPathComponent()
            .appendingPathComponent(".\(backup.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        do {
            // A dated folder of backups (README: backups/XZPX-<date>.sqlite) need not exist yet.
            try FileManager.default.createDirectory(at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
            let copy = try DatabaseQueue(path: partial.path)
            try database.backup(to: copy)
            let results = try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM issue") ?? 0
            }
            try copy.close()
            try FileManager.default.moveItem(at: partial, to: backup)
            return results
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw RegistryError("无法把审验登记库 \(file.path) 备份到 \(backup.path)", error)
        }
    }

    /// Replaces the register's content with the backup's, in one step readers never see half done.
    /// Refused, unless `force`, when the register holds serials the backup lacks: restored, they would
    /// be issued again to others while documents bearing them are already out. Returns how many results
    /// the register now holds.
    public func restore(from backup: URL, force: Bool) throws(RegistryError) -> Int {
        let source: DatabaseQueue
        let held: Set<String>
        do {
            var configuration = Configuration()
            configuration.readonly = true
            source = try DatabaseQueue(path: backup.path, configuration: configuration)
            held = try source.read { db in
                guard try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok" else {
                    throw RegistryError("备份文件 \(backup.path) 已损坏（SQLite 完整性检查未通过）")
                }
                return try String.fetchSet(db, sql: "SELECT serial FROM issue")
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError("备份文件 \(backup.path) 不是可用的审验登记库备份", error)
        }
        let lost = try read { db in try String.fetchAll(db, sql: "SELECT serial FROM issue ORDER BY serial") }
            .filter { !held.contains($0) }
        if !lost.isEmpty && !force {
            throw RegistryError("审验登记库 \(file.path) 中有 \(lost.count) 个编号不在备份中（\(lost.prefix(3).joined(separator: "、"))"
                                + (lost.count > 3 ? "……" : "") + "）：恢复后这些编号会再次出具给别人，而盖有它们的文件已经发出。"
                                + "确需恢复，请加 --force")
        }
        do {
            try source.backup(to: database)
        } catch {
            throw RegistryError("无法从 \(backup.path) 恢复审验登记库 \(file.path)", error)
        }
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM issue") ?? 0 }
    }
}
