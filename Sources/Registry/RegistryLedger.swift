import GRDB
import Rules

extension RegistryTransaction {
    /// Records a stamped year of a person in the ledger, in the stamp's transaction, and judges again
    /// the person's later years the ledger holds (`Ledger.record`). Returns those whose result changed.
    public func record(_ entry: LedgerYear) throws(RegistryError) -> [LedgerChange] {
        try access {
            var ledger = Ledger(try LedgerRows.fetch(db, idNumber: entry.idNumber))
            let changes = ledger.record(entry)
            for row in [entry] + changes.map(\.after) { try LedgerRows.save(row, db) }
            return changes
        }
    }
}

extension Registry {
    /// The whole ledger, read without waiting for a writer: what `check`, `render` and `stamp` judge
    /// earlier years by.
    public func ledger() throws(RegistryError) -> Ledger {
        // A registry opened read-only before its v3 migration has no table yet: nothing stamped with a ledger.
        try read { db in try db.tableExists("ledger_year") ? Ledger(try LedgerRows.fetch(db, idNumber: nil)) : Ledger() }
    }
}

/// The `ledger_year` table's rows.
enum LedgerRows {
    static func fetch(_ db: Database, idNumber: String?) throws -> [LedgerYear] {
        let select = "SELECT id_number, year, entry FROM ledger_year"
        let rows = try idNumber.map { try Row.fetchAll(db, sql: select + " WHERE id_number = ?", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: select)
        return try rows.map { row in
            do {
                return try LedgerFile.decodeEntry(row["entry"])
            } catch {
                throw RegistryError("学时台账中 \(row["id_number"] as String) \(row["year"] as Int) 年度的记录已损坏（登记库可能被改动过）")
            }
        }
    }

    static func save(_ entry: LedgerYear, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO ledger_year (id_number, year, public_hours, professional_hours, verdict, entry, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.idNumber, entry.year, entry.publicHours, entry.professionalHours, entry.verdict.word,
                             try LedgerFile.encode(entry), RegistryTransaction.now()])
    }
}
