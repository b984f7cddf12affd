import PostgresNIO

/// The PostgreSQL registry's tables, as numbered migrations: `cedocs registry migrate` applies those a
/// database lacks, in one transaction, and every process checks the number when it connects
/// (`PostgresRegistry.init`). The tables are SQLite's (SQLiteSchema) in PostgreSQL's types, plus
/// `serial_counter`, the last sequence of each agency's year, whose row lock orders the transactions
/// that issue serials for that year.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var sql: [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "results", sql: [
            """
            CREATE TABLE issue (
                serial TEXT PRIMARY KEY,
                agency TEXT NOT NULL,
                year INTEGER NOT NULL,
                sequence INTEGER NOT NULL,
                kind TEXT NOT NULL,
                -- 公民身份号码 of a person, or the unit's name.
                subject TEXT NOT NULL,
                unit TEXT NOT NULL,
                person_name TEXT,
                verdict TEXT,
                hours_total DOUBLE PRECISION,
                audit_date TEXT NOT NULL,
                content TEXT NOT NULL,
                signature BYTEA NOT NULL,
                issued_at TEXT NOT NULL,
                -- Deferred: the old row names its successor just before the successor is inserted.
                superseded_by TEXT REFERENCES issue(serial) DEFERRABLE INITIALLY DEFERRED,
                UNIQUE (agency, year, sequence)
            )
            """,
            // One result in force per person (or unit), agency and year.
            "CREATE UNIQUE INDEX issue_current ON issue(agency, year, kind, subject) WHERE superseded_by IS NULL",
            "CREATE INDEX issue_year ON issue(year, serial)",
            """
            CREATE TABLE document (
                sha256 TEXT PRIMARY KEY,
                serial TEXT NOT NULL REFERENCES issue(serial),
                kind TEXT NOT NULL,
                issued_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX document_serial ON document(serial)",
            // The last sequence issued in each agency's year; a result is inserted only under the next one.
            """
            CREATE TABLE serial_counter (
                agency TEXT NOT NULL,
                year INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL CHECK (last_sequence >= 0),
                PRIMARY KEY (agency, year)
            )
            """,
        ]),
        Migration(version: 2, name: "stamp-requests", sql: [
            """
            CREATE TABLE stamp_request (
                id BIGSERIAL PRIMARY KEY,
                requested_at TEXT NOT NULL,
                requester TEXT NOT NULL,
                agency TEXT,
                unit TEXT,
                year INTEGER,
                people INTEGER,
                status INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                serials TEXT NOT NULL
            )
            """,
        ]),
        Migration(version: 3, name: "ledger", sql: [
            """
            CREATE TABLE ledger_year (
                id_number TEXT NOT NULL,
                year INTEGER NOT NULL,
                public_hours DOUBLE PRECISION NOT NULL,
                professional_hours DOUBLE PRECISION NOT NULL,
                verdict TEXT NOT NULL,
                -- One entry of a cedocs/ledger/1 file (LedgerFile).
                entry TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (id_number, year)
            )
            """,
        ]),
    ]

    /// The version this cedocs works with: the last migration's.
    static var latest: Int { migrations.last!.version }

    /// The database's version; 0 when no migration was ever applied.
    static func version(on connection: PostgresSession) throws -> Int {
        let table = try connection.rows("SELECT to_regclass('schema_version') IS NOT NULL")
        guard try table.first?.decode(Bool.self) == true else { return 0 }
        return try connection.rows("SELECT COALESCE(MAX(version), 0) FROM schema_version").first?.decode(Int.self) ?? 0
    }

    /// Applies the migrations after the database's version in one transaction; a second `migrate` at the
    /// same time waits for the first (an advisory lock) and then finds nothing to do. A failure closes the
    /// connection, which rolls everything back (PostgresConnections.with). Returns the versions before and after.
    static func migrate(on connection: PostgresSession) throws -> (from: Int, to: Int) {
        try connection.execute("BEGIN")
        try connection.execute("SELECT pg_advisory_xact_lock(hashtext('cedocs registry migrate'))")
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """)
        let from = try version(on: connection)
        guard from <= latest else { throw newer(from) }
        for migration in migrations where migration.version > from {
            for statement in migration.sql { try connection.execute(PostgresQuery(unsafeSQL: statement)) }
            try connection.execute("INSERT INTO schema_version (version, name) VALUES (\(migration.version), \(migration.name))")
        }
        try connection.execute("COMMIT")
        return (from, latest)
    }

    static func newer(_ version: Int) -> RegistryError {
        RegistryError("审验登记库的结构版本为 \(version)，比本程序支持的版本 \(latest) 更新：请使用更新版本的 cedocs")
    }

    static func unmigrated(_ version: Int, location: String) -> RegistryError {
        RegistryError("审验登记库 \(location) 的结构版本为 \(version)，本程序需要版本 \(latest)："
                      + "请先运行 cedocs registry migrate --registry \(location)")
    }
}
