import Foundation
import GRDB
import Rules
import Stamping

/// The registry as one SQLite file in the agency's profile folder (registry.sqlite), the store of one
/// machine. In WAL mode (a GRDB DatabasePool), so that reads — verification, a stamp run looking up the
/// results in force — never wait for a writer. `run` is an immediate transaction: two runs' transactions
/// follow each other, which is what holds an agency's year between `lastSequence` and `record`.
public final class SQLiteRegistry: Registry {
    let database: any DatabaseWriter
    public let file: URL

    public var location: String { file.path }

    /// Opens the register, creating or migrating it when `create` is set; read-only otherwise (`cedocs verify`).
    /// Refused when a newer cedocs has migrated it further than this one knows.
    public init(file: URL, create: Bool) throws(RegistryError) {
        self.file = file
        if !create && !FileManager.default.fileExists(atPath: file.path) {
            throw RegistryError("找不到审验登记库 \(file.path)：该机构尚未盖章出具过结果")
        }
        var configuration = Configuration()
        configuration.readonly = !create
        // A second stamp run waits for the first rather than failing.
        configuration.busyMode = .timeout(60)
        // A page cache of 512 KiB a connection, not SQLite's 2 MB: a stamp's commit writes each result
        // once and reads the few pages of its subject, and the kernel keeps the file at hand anyway. A
        // commit of 30,000 results filled 2 MB that one of 1,000 did not (issue 18: memory flat).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -512") }
        do {
            let database: any DatabaseWriter = create ? try DatabasePool(path: file.path, configuration: configuration)
                : try DatabaseQueue(path: file.path, configuration: configuration)
            let migrator = SQLiteSchema.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                let applied = try database.read { try migrator.appliedIdentifiers($0) }.subtracting(migrator.migrations)
                throw RegistryError("审验登记库 \(file.path) 的结构版本（\(applied.sorted().joined(separator: "、"))）比本程序认识的"
                                    + "（\(migrator.migrations.last ?? "")）更新：请使用更新版本的 cedocs")
            }
            if create {
                try Self.migrate(database, with: migrator)
                // GRDB opens a pool with synchronous = NORMAL: a commit then reaches the disk only at the
                // next checkpoint. A stamp puts its files in place right after its commit, and the service
                // hands them out, so a power cut must not keep the files and lose the serials they carry:
                // FULL syncs the WAL at every commit (one fdatasync a stamp run or request).
                try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            }
            self.database = database
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError("无法打开审验登记库 \(file.path)", error)
        }
    }

    /// Applies the migrations not yet applied. GRDB reads which are applied before it takes the write lock:
    /// two processes creating one registry at once may both run the same one, and the second fails on a
    /// table that now exists. Each failed attempt finds at least one more applied, so it tries again, at
    /// most once for each migration.
    private static func migrate(_ database: any DatabaseWriter, with migrator: DatabaseMigrator) throws {
        var attempts = 0
        while true {
            do {
                return try migrator.migrate(database)
            } catch {
                if try database.read(migrator.hasCompletedMigrations) { return }
                attempts += 1
                if attempts > migrator.migrations.count { throw error }
            }
        }
    }

    public func run<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        var result: T?
        var bodyError: (any Error)?
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    do {
                        result = try body(SQLiteTransaction(db: db, file: file))
                    } catch {
                        bodyError = error
                        throw error
                    }
                    return .commit
                }
            }
        } catch {
            if let bodyError { throw bodyError }
            throw RegistryError("审验登记库 \(file.path) 写入失败，本次盖章未登记任何结果", error)
        }
        return result!
    }

    public func issued(_ serial: Serial) throws(RegistryError) -> IssuedResult? {
        try read { db in try SQLiteSchema.issued(serial, in: db) }
    }

    public func issued(documentSHA256 sha256: String) throws(RegistryError) -> (IssuedResult, IssuedDocument)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT serial, kind FROM document WHERE sha256 = ?",
                                             arguments: [sha256]),
                  let serial = Serial(row["serial"] as String),
                  let issued = try SQLiteSchema.issued(serial, in: db) else { return nil }
            return (issued, IssuedDocument(kind: row["kind"], sha256: sha256))
        }
    }

    public func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try read { db in try SQLiteTransaction(db: db, file: file).current(agency: agency, year: year, kind: kind, subject: subject) }
    }

    public func subjectsInForce(agency: String, year: Int, kind: ResultContent.Kind) throws(RegistryError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT subject FROM issue WHERE agency = ? AND year = ? AND kind = ? AND superseded_by IS NULL
                """, arguments: [agency, year, kind.name]))
        }
    }

    public func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try read { db in try SQLiteTransaction(db: db, file: file).lastSequence(agency: agency, year: year) }
    }

    public func results(year: Int) throws(RegistryError) -> [IssuedResult] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT serial FROM issue WHERE year = ? ORDER BY serial", arguments: [year])
                .compactMap(Serial.init).compactMap { try SQLiteSchema.issued($0, in: db) }
        }
    }

    public func search(agency: String, text: String, limit: Int) throws(RegistryError) -> [IssuedResult] {
        let query = ResultQuery(text)
        return try read { db in
            try String.fetchAll(db, sql: """
                SELECT serial FROM issue WHERE agency = ?
                AND (serial = ? OR (kind = 'person' AND (subject = ? OR person_name LIKE ? ESCAPE '!')))
                ORDER BY year DESC, sequence DESC LIMIT ?
                """, arguments: [agency, query.exact, query.exact, query.namePattern, limit])
                .compactMap(Serial.init).compactMap { try SQLiteSchema.issued($0, in: db) }
        }
    }

    public func ledger(of people: [String]?) throws(RegistryError) -> Ledger {
        // A registry opened read-only before its v3 migration has no table yet: nothing stamped with a ledger.
        try read { db in try db.tableExists("ledger_year") ? Ledger(try SQLiteSchema.ledgerYears(db, of: people)) : Ledger() }
    }

    func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        try RegistryError.wrapping("无法读取审验登记库 \(file.path)") { try database.read(body) }
    }
}

/// The SQLite registry inside one stamp run's immediate transaction. Its statements are compiled once
/// per connection (GRDB's statement cache): a run records thousands of rows with the same few.
struct SQLiteTransaction: RegistryTransaction {
    let db: Database
    /// The registry's file, named in errors.
    let file: URL

    func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try access {
            guard let serial = try String.fetchOne(db.cachedStatement(sql: """
                SELECT serial FROM issue
                WHERE agency = ? AND year = ? AND kind = ? AND subject = ? AND superseded_by IS NULL
                """), arguments: [agency, year, kind.name, subject]) else { return nil }
            return try Serial(serial).flatMap { try SQLiteSchema.issued($0, in: db) }
        }
    }

    func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try access {
            try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM issue WHERE agency = ? AND year = ?"),
                             arguments: [agency, year]) ?? 0
        }
    }

    func record(_ signed: SignedResult, subject: String, replacing old: Serial?) throws(RegistryError) {
        let content = signed.content
        let (serial, year) = try numbered(signed)
        try access {
            // The old result leaves force first: only one result per subject may be in force.
            if let old {
                try db.cachedStatement(sql: "UPDATE issue SET superseded_by = ? WHERE serial = ?")
                    .execute(arguments: [serial.description, old.description])
            }
            try db.cachedStatement(sql: """
                INSERT INTO issue (serial, agency, year, sequence, kind, subject, unit, person_name, verdict,
                                   hours_total, audit_date, content, signature, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [serial.description, serial.agency, year, serial.sequence, content.kind.name,
                                 subject, content["unit"], content["person_name"], content["verdict"],
                                 content["hours_total"].flatMap(Double.init), content["date"], content.text,
                                 Data(signed.signature), RegistryClock.now()])
        }
    }

    func record(_ document: IssuedDocument, of serial: Serial) throws(RegistryError) {
        try access {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO document (sha256, serial, kind, issued_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [document.sha256, serial.description, document.kind, RegistryClock.now()])
        }
    }

    func record(_ entry: LedgerYear) throws(RegistryError) -> [LedgerChange] {
        try access {
            var ledger = Ledger(try SQLiteSchema.ledgerYears(db, of: [entry.idNumber]))
            let changes = ledger.record(entry)
            for row in [entry] + changes.map(\.after) {
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO ledger_year (id_number, year, public_hours, professional_hours, verdict, entry, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [row.idNumber, row.year, row.publicHours, row.professionalHours, row.verdict.word,
                                     try LedgerFile.encode(row), RegistryClock.now()])
            }
            return changes
        }
    }

    func access<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        try RegistryError.wrapping("审验登记库 \(file.path) 读写失败", body)
    }
}
