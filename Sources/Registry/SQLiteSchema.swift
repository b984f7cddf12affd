import Foundation
import GRDB
import Rules
import Stamping

/// The SQLite registry's tables (GRDB's migrations, applied when a registry is opened to write). `issue`: one row per serial, with the signed content and the columns the
/// city office queries for its spot checks (抽检); `document`: the SHA-256 of every PDF issued.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE issue (
                    serial TEXT PRIMARY KEY NOT NULL,
                    agency TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    -- 公民身份号码 of a person, or the unit's name.
                    subject TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    person_name TEXT,
                    verdict TEXT,
                    hours_total REAL,
                    audit_date TEXT NOT NULL,
                    content TEXT NOT NULL,
                    signature BLOB NOT NULL,
                    issued_at TEXT NOT NULL,
                    -- Deferred: the old row names its successor just before the successor is inserted.
                    superseded_by TEXT REFERENCES issue(serial) DEFERRABLE INITIALLY DEFERRED,
                    UNIQUE (agency, year, sequence)
                );
                -- One result in force per person (or unit), agency and year.
                CREATE UNIQUE INDEX issue_current ON issue(agency, year, kind, subject) WHERE superseded_by IS NULL;
                CREATE TABLE document (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    serial TEXT NOT NULL REFERENCES issue(serial),
                    kind TEXT NOT NULL,
                    issued_at TEXT NOT NULL
                );
                CREATE INDEX document_serial ON document(serial);
                """)
        }
        // Who asked the HTTP service to stamp what, and when (cedocs serve): additive, read by people only.
        migrator.registerMigration("v2-stamp-requests") { db in
            try db.execute(sql: """
                CREATE TABLE stamp_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    requested_at TEXT NOT NULL,
                    -- The name of the bearer token in the service's configuration.
                    requester TEXT NOT NULL,
                    -- The agency's code; NULL when a token that is not an agency's asked.
                    agency TEXT,
                    unit TEXT,
                    year INTEGER,
                    people INTEGER,
                    -- HTTP status of the answer, and the serials issued (comma-separated).
                    status INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    serials TEXT NOT NULL
                );
                """)
        }
        // 学时台账 (issue 15): each person's assessed years, written with the results a stamp records.
        // Additive: a registry made before it opens and gains the empty table.
        migrator.registerMigration("v3-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE ledger_year (
                    -- 公民身份号码
                    id_number TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    -- Recognised hours counted in the year (its own and the credits it received), and 合格/不合格.
                    public_hours REAL NOT NULL,
                    professional_hours REAL NOT NULL,
                    verdict TEXT NOT NULL,
                    -- The whole entry (own hours, credits received and given with their source), as one
                    -- entry of a cedocs/ledger/1 file (LedgerFile).
                    entry TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (id_number, year)
                );
                """)
        }
        return migrator
    }
}

extension SQLiteSchema {
    /// The `issue` row of `serial`, read back into an IssuedResult.
    static func issued(_ serial: Serial, in db: Database) throws -> IssuedResult? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT content, signature, issued_at, superseded_by FROM issue WHERE serial = ?"),
                                         arguments: [serial.description]) else { return nil }
        let documents = try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, sha256 FROM document WHERE serial = ? ORDER BY kind, sha256"),
                                         arguments: [serial.description])
            .map { IssuedDocument(kind: $0["kind"], sha256: $0["sha256"]) }
        let signature: Data = row["signature"]
        return try IssuedResult(serial: serial, content: row["content"], signature: Array(signature), issuedAt: row["issued_at"],
                                supersededBy: row["superseded_by"], documents: documents)
    }

    /// The `ledger_year` rows of these people, or of everyone.
    static func ledgerYears(_ db: Database, of people: [String]?) throws -> [LedgerYear] {
        let select = "SELECT id_number, year, entry FROM ledger_year"
        var rows: [Row] = []
        if let people {
            // In batches well under SQLite's limit on a statement's parameters (32,766). Each statement is
            // compiled once per connection: a stamp run reads one person's years for every result it records.
            for start in stride(from: 0, to: people.count, by: 500) {
                let batch = Array(people[start..<min(start + 500, people.count)])
                rows += try Row.fetchAll(db.cachedStatement(sql: select + " WHERE id_number IN (\(databaseQuestionMarks(count: batch.count)))"),
                                         arguments: StatementArguments(batch))
            }
        } else {
            rows = try Row.fetchAll(db, sql: select)
        }
        return try rows.map { row in try LedgerFile.decodeEntry(row["entry"], idNumber: row["id_number"], year: row["year"]) }
    }
}
