import Foundation
import GRDB
import Stamping

/// The register of issued results (审验登记库), one SQLite file in the agency's profile folder: the
/// only source of the agency's serials, whichever front end stamps. In WAL mode (a GRDB
/// DatabasePool), so that reads — verification, a stamp run looking up the results in force — never
/// wait for a writer. A stamp run records all its results in one short transaction (`run`): a run
/// that dies leaves all of them or none, and two runs' transactions follow each other.
public final class Registry: Sendable {
    let database: any DatabaseWriter
    public let file: URL

    /// Opens the register, creating it when `create` is set; read-only otherwise (`cedocs verify`).
    public init(file: URL, create: Bool) throws(RegistryError) {
        self.file = file
        if !create && !FileManager.default.fileExists(atPath: file.path) {
            throw RegistryError("找不到审验登记库 \(file.path)：该机构尚未盖章出具过结果")
        }
        var configuration = Configuration()
        configuration.readonly = !create
        // A second stamp run waits for the first rather than failing.
        configuration.busyMode = .timeout(60)
        do {
            if create {
                let pool = try DatabasePool(path: file.path, configuration: configuration)
                try Schema.migrator.migrate(pool)
                database = pool
            } else {
                database = try DatabaseQueue(path: file.path, configuration: configuration)
            }
        } catch {
            throw RegistryError("无法打开审验登记库 \(file.path)", error)
        }
    }

    /// Runs `body` in one immediate transaction, committed when it returns and rolled back when it
    /// throws. An error of `body` comes out as it was thrown; a database error as a RegistryError.
    public func run<T>(_ body: (RegistryTransaction) throws -> T) throws -> T {
        var result: T?
        var bodyError: (any Error)?
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    do {
                        result = try body(RegistryTransaction(db: db, file: file))
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

    /// The result issued under `serial`, if any.
    public func issued(_ serial: Serial) throws(RegistryError) -> IssuedResult? {
        try read { db in try IssueRow.fetch(serial: serial, in: db) }
    }

    /// The result under which a file with this SHA-256 was issued, and the file's kind.
    public func issued(documentSHA256 sha256: String) throws(RegistryError) -> (IssuedResult, IssuedDocument)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT serial, kind FROM document WHERE sha256 = ?",
                                             arguments: [sha256]),
                  let serial = Serial(row["serial"] as String),
                  let issued = try IssueRow.fetch(serial: serial, in: db) else { return nil }
            return (issued, IssuedDocument(kind: row["kind"], sha256: sha256))
        }
    }

    /// The result in force for a person or unit (`RegistryTransaction.current`), read without waiting for a writer.
    public func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try read { db in try RegistryTransaction(db: db, file: file).current(agency: agency, year: year, kind: kind, subject: subject) }
    }

    /// The last sequence the agency issued in `year` (0 for none), read without waiting for a writer.
    public func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try read { db in try RegistryTransaction(db: db, file: file).lastSequence(agency: agency, year: year) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        do {
            return try database.read(body)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError("无法读取审验登记库 \(file.path)", error)
        }
    }
}

/// The registry inside one stamp run's transaction.
public struct RegistryTransaction {
    let db: Database
    /// The registry's file, named in errors.
    let file: URL

    /// The result currently in force for a person (by 公民身份号码) or a unit (by name) with this
    /// agency and year: the one a re-stamp reuses when nothing changed.
    public func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try access {
            guard let serial = try String.fetchOne(db, sql: """
                SELECT serial FROM issue
                WHERE agency = ? AND year = ? AND kind = ? AND subject = ? AND superseded_by IS NULL
                """, arguments: [agency, year, kind.name, subject]) else { return nil }
            return try Serial(serial).flatMap { try IssueRow.fetch(serial: $0, in: db) }
        }
    }

    /// The last sequence the agency issued in `year`; 0 when none yet.
    public func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try access {
            try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM issue WHERE agency = ? AND year = ?",
                             arguments: [agency, year]) ?? 0
        }
    }

    /// The next unused serial of the agency's year.
    public func nextSerial(agency: String, year: Int) throws(RegistryError) -> Serial {
        let last = try lastSequence(agency: agency, year: year)
        guard let serial = Serial(agency: agency, year: year, sequence: last + 1) else {
            throw RegistryError("机构 \(agency) \(year) 年度的审验编号已用完（最多 \(Serial.sequences.upperBound) 个）")
        }
        return serial
    }

    /// Records a newly signed result for `subject`; the result it replaces, if any, is marked superseded.
    public func record(_ signed: SignedResult, subject: String, replacing old: Serial?) throws(RegistryError) {
        let content = signed.content
        guard let serial = content.serial, let year = Int(content["year"] ?? "") else {
            throw RegistryError("内部错误：结果内容缺少编号或年度")
        }
        try access {
            // The old result leaves force first: only one result per subject may be in force.
            if let old {
                try db.execute(sql: "UPDATE issue SET superseded_by = ? WHERE serial = ?",
                               arguments: [serial.description, old.description])
            }
            try db.execute(sql: """
                INSERT INTO issue (serial, agency, year, sequence, kind, subject, unit, person_name, verdict,
                                   hours_total, audit_date, content, signature, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [serial.description, serial.agency, year, serial.sequence, content.kind.name,
                                 subject, content["unit"], content["person_name"], content["verdict"],
                                 content["hours_total"].flatMap(Double.init), content["date"], content.text,
                                 Data(signed.signature), Self.now()])
        }
    }

    /// Records a file issued under `serial`. Issuing the same bytes again changes nothing.
    public func record(_ document: IssuedDocument, of serial: Serial) throws(RegistryError) {
        try access {
            try db.execute(sql: "INSERT OR IGNORE INTO document (sha256, serial, kind, issued_at) VALUES (?, ?, ?, ?)",
                           arguments: [document.sha256, serial.description, document.kind, Self.now()])
        }
    }

    func access<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError("审验登记库 \(file.path) 读写失败", error)
        }
    }

    /// Now in ISO 8601, UTC. A format style, not an ISO8601DateFormatter: making one of those (through
    /// ICU) for each of a stamp's few thousand rows cost 3% of the run.
    static func now() -> String {
        Date.now.formatted(.iso8601)
    }
}
