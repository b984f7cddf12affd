import Foundation
import PostgresNIO
import Rules
import Stamping

/// The registry in one PostgreSQL database a whole city shares (`registry: postgresql://…`): every
/// agency's results, verified and spot-checked from anywhere. Several processes write at once, so an
/// agency's year is held by its `serial_counter` row (`lastSequence` locks it until the transaction ends)
/// and a result is inserted only under the sequence after it: no serial twice, no gap.
public final class PostgresRegistry: Registry {
    let connections: PostgresConnections

    public var location: String { connections.location }

    /// Connects to the database at `url`; refused unless its schema is this cedocs's version — older (run
    /// `cedocs registry migrate`) or newer (a newer cedocs migrated it) — naming both versions.
    public init(url: String) throws(RegistryError) {
        connections = try PostgresConnections(url: url)
        let version = try access("无法打开审验登记库 \(connections.location)") { connection in
            try PostgresSchema.version(on: connection)
        }
        guard version <= PostgresSchema.latest else { throw PostgresSchema.newer(version) }
        guard version == PostgresSchema.latest else { throw PostgresSchema.unmigrated(version, location: location) }
    }

    /// `cedocs registry migrate`: applies the migrations the database at `url` lacks. Returns the
    /// versions before and after.
    public static func migrate(url: String) throws(RegistryError) -> (from: Int, to: Int) {
        let connections = try PostgresConnections(url: url)
        return try RegistryError.wrapping("审验登记库 \(connections.location) 迁移失败，结构未改动") {
            try connections.with { try PostgresSchema.migrate(on: $0) }
        }
    }

    /// `body` in one transaction. A failure anywhere closes the connection (PostgresConnections.with), and
    /// PostgreSQL rolls back what a closed connection left open. Only a connection lost at COMMIT leaves
    /// the outcome unknown: the error says so, and running the stamp again is safe either way — what was
    /// recorded is found in force and reused with its serial, what was not is issued under the same serial.
    public func run<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        var stage = TransactionStage.begin
        do {
            return try connections.with { connection in
                try connection.execute("BEGIN")
                stage = .body
                let result = try body(PostgresTransaction(connection: connection, location: location))
                stage = .commit
                try connection.execute("COMMIT")
                return result
            }
        } catch let error where stage != .body {
            let failed = error as? RegistryError ?? RegistryError("审验登记库 \(location) 写入失败，本次盖章未登记任何结果", error)
            guard stage == .commit, failed.unavailable else { throw failed }
            throw RegistryError("审验登记库 \(location) 在提交本次盖章时断开（\(failed.message)），无法确定是否已登记："
                                + "请稍后再次盖章，已登记的结果会沿用原审验编号，不会重复登记", unavailable: true)
        }
    }

    enum TransactionStage { case begin, body, commit }

    public func issued(_ serial: Serial) throws(RegistryError) -> IssuedResult? {
        try read { try PostgresRows.issued("\(unescaped: PostgresRows.columns) WHERE serial = \(serial.description)", on: $0).first }
    }

    public func issued(documentSHA256 sha256: String) throws(RegistryError) -> (IssuedResult, IssuedDocument)? {
        try read { connection in
            guard let row = try connection.rows("SELECT serial, kind FROM document WHERE sha256 = \(sha256)").first else { return nil }
            let (serial, kind) = try row.decode((String, String).self)
            guard let issued = try PostgresRows.issued("\(unescaped: PostgresRows.columns) WHERE serial = \(serial)", on: connection).first else { return nil }
            return (issued, IssuedDocument(kind: kind, sha256: sha256))
        }
    }

    public func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try read { try PostgresTransaction(connection: $0, location: location).current(agency: agency, year: year, kind: kind, subject: subject) }
    }

    public func subjectsInForce(agency: String, year: Int, kind: ResultContent.Kind) throws(RegistryError) -> Set<String> {
        try read { connection in
            Set(try connection.rows("""
                SELECT subject FROM issue WHERE agency = \(agency) AND year = \(year) AND kind = \(kind.name) AND superseded_by IS NULL
                """).map { try $0.decode(String.self) })
        }
    }

    public func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try read { connection in
            try connection.rows("SELECT last_sequence FROM serial_counter WHERE agency = \(agency) AND year = \(year)")
                .first?.decode(Int.self) ?? 0
        }
    }

    public func results(year: Int) throws(RegistryError) -> [IssuedResult] {
        try read { try PostgresRows.issued("\(unescaped: PostgresRows.columns) WHERE year = \(year) ORDER BY serial", on: $0) }
    }

    public func search(agency: String, text: String, limit: Int) throws(RegistryError) -> [IssuedResult] {
        let query = ResultQuery(text)
        return try read {
            try PostgresRows.issued("""
                \(unescaped: PostgresRows.columns) WHERE agency = \(agency)
                AND (serial = \(query.exact) OR (kind = 'person' AND (subject = \(query.exact) OR person_name LIKE \(query.namePattern) ESCAPE '!')))
                ORDER BY year DESC, sequence DESC LIMIT \(limit)
                """, on: $0)
        }
    }

    public func ledger(of people: [String]?) throws(RegistryError) -> Ledger {
        try read { Ledger(try PostgresRows.ledgerYears(on: $0, of: people)) }
    }

    public func log(_ request: StampRequest) throws(RegistryError) {
        try access("审验登记库 \(location) 写入失败") { connection in
            try connection.execute("""
                INSERT INTO stamp_request (requested_at, requester, agency, unit, year, people, status, outcome, serials)
                VALUES (\(request.requestedAt), \(request.requester), \(request.agency), \(request.unit), \(request.year),
                        \(request.people), \(request.status), \(request.outcome), \(request.serialList))
                """)
        }
    }

    public func stampRequests() throws(RegistryError) -> [StampRequest] {
        try read { connection in
            try connection.rows("""
                SELECT requester, agency, unit, year, people, status, outcome, serials, requested_at FROM stamp_request ORDER BY id
                """).map { row in
                let (requester, agency, unit, year, people, status, outcome, serials, requestedAt)
                    = try row.decode((String, String?, String?, Int?, Int?, Int, String, String, String).self)
                return StampRequest(requester: requester, agency: agency, unit: unit, year: year, people: people, status: status,
                                    outcome: outcome, serials: StampRequest.serials(serials), requestedAt: requestedAt)
            }
        }
    }

    /// A query on a connection of the pool, which reconnects when the server has dropped it.
    public func probe() throws(RegistryError) {
        _ = try read { connection in try connection.rows("SELECT 1 FROM issue LIMIT 1") }
    }

    func read<T>(_ body: (PostgresSession) throws -> T) throws(RegistryError) -> T {
        try access("无法读取审验登记库 \(location)", limit: PostgresConnections.readLimit, body)
    }

    func access<T>(_ failure: String, limit: TimeAmount? = nil, _ body: (PostgresSession) throws -> T) throws(RegistryError) -> T {
        try RegistryError.wrapping(failure) { try connections.with(limit: limit, body) }
    }
}

/// The PostgreSQL registry inside one transaction, on its connection.
struct PostgresTransaction: RegistryTransaction {
    let connection: PostgresSession
    let location: String

    func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult? {
        try access {
            try PostgresRows.issued("""
                \(unescaped: PostgresRows.columns)
                WHERE agency = \(agency) AND year = \(year) AND kind = \(kind.name) AND subject = \(subject) AND superseded_by IS NULL
                """, on: connection).first
        }
    }

    /// Locks the agency's year (its `serial_counter` row, made at 0 the first time) until the transaction ends.
    func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int {
        try access {
            try connection.execute("""
                INSERT INTO serial_counter (agency, year, last_sequence) VALUES (\(agency), \(year), 0) ON CONFLICT DO NOTHING
                """)
            return try connection.rows("""
                SELECT last_sequence FROM serial_counter WHERE agency = \(agency) AND year = \(year) FOR UPDATE
                """).first?.decode(Int.self) ?? 0
        }
    }

    func record(_ signed: SignedResult, subject: String, replacing old: Serial?) throws(RegistryError) {
        let content = signed.content
        let (serial, year) = try numbered(signed)
        try access {
            try connection.execute("""
                UPDATE serial_counter SET last_sequence = \(serial.sequence) WHERE agency = \(serial.agency) AND year = \(year)
                """)
            // The old result leaves force first: only one result per subject may be in force.
            if let old {
                try connection.execute("UPDATE issue SET superseded_by = \(serial.description) WHERE serial = \(old.description)")
            }
            try connection.execute("""
                INSERT INTO issue (serial, agency, year, sequence, kind, subject, unit, person_name, verdict,
                                   hours_total, audit_date, content, signature, issued_at)
                VALUES (\(serial.description), \(serial.agency), \(year), \(serial.sequence), \(content.kind.name), \(subject),
                        \(content["unit"] ?? ""), \(content["person_name"]), \(content["verdict"]),
                        \(content["hours_total"].flatMap(Double.init)), \(content["date"] ?? ""), \(content.text),
                        \(Data(signed.signature)), \(RegistryClock.now()))
                """)
        }
    }

    func record(_ document: IssuedDocument, of serial: Serial) throws(RegistryError) {
        try access {
            try connection.execute("""
                INSERT INTO document (sha256, serial, kind, issued_at)
                VALUES (\(document.sha256), \(serial.description), \(document.kind), \(RegistryClock.now()))
                ON CONFLICT DO NOTHING
                """)
        }
    }

    func record(_ entry: LedgerYear) throws(RegistryError) -> [LedgerChange] {
        try access {
            // Two agencies stamping the same person at once judge the person's years one after the other.
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext(\("ledger " + entry.idNumber)))")
            var ledger = Ledger(try PostgresRows.ledgerYears(on: connection, of: [entry.idNumber]))
            let changes = ledger.record(entry)
            for row in [entry] + changes.map(\.after) {
                try connection.execute("""
                    INSERT INTO ledger_year (id_number, year, public_hours, professional_hours, verdict, entry, updated_at)
                    VALUES (\(row.idNumber), \(row.year), \(row.publicHours), \(row.professionalHours), \(row.verdict.word),
                            \(try LedgerFile.encode(row)), \(RegistryClock.now()))
                    ON CONFLICT (id_number, year) DO UPDATE SET public_hours = EXCLUDED.public_hours,
                        professional_hours = EXCLUDED.professional_hours, verdict = EXCLUDED.verdict,
                        entry = EXCLUDED.entry, updated_at = EXCLUDED.updated_at
                    """)
            }
            return changes
        }
    }

    func access<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        try RegistryError.wrapping("审验登记库 \(location) 读写失败", body)
    }
}

/// Reading rows back: results with their documents, and the ledger.
enum PostgresRows {
    /// The columns of `issue` that `issued` reads, for a query's SELECT.
    static let columns = "SELECT serial, content, signature, issued_at, superseded_by FROM issue"

    /// The results `select` (`columns` and a condition) finds, each with its documents.
    static func issued(_ select: PostgresQuery, on connection: PostgresSession) throws -> [IssuedResult] {
        let rows = try connection.rows(select).map { try $0.decode((String, String, Data, String, String?).self) }
        guard !rows.isEmpty else { return [] }
        var documents: [String: [IssuedDocument]] = [:]
        for row in try connection.rows("""
            SELECT serial, kind, sha256 FROM document WHERE serial = ANY(\(rows.map(\.0))) ORDER BY kind, sha256
            """) {
            let (serial, kind, sha256) = try row.decode((String, String, String).self)
            documents[serial, default: []].append(IssuedDocument(kind: kind, sha256: sha256))
        }
        return try rows.compactMap { text, content, signature, issuedAt, supersededBy in
            guard let serial = Serial(text) else { return nil }
            return try IssuedResult(serial: serial, content: content, signature: Array(signature), issuedAt: issuedAt,
                                    supersededBy: supersededBy, documents: documents[text] ?? [])
        }
    }

    /// The `ledger_year` rows of these people, or of everyone.
    static func ledgerYears(on connection: PostgresSession, of people: [String]?) throws -> [LedgerYear] {
        let rows = try people.map { try connection.rows("SELECT id_number, year, entry FROM ledger_year WHERE id_number = ANY(\($0))") }
            ?? connection.rows("SELECT id_number, year, entry FROM ledger_year")
        return try rows.map { row in
            let (idNumber, year, entry) = try row.decode((String, Int, String).self)
            return try LedgerFile.decodeEntry(entry, idNumber: idNumber, year: year)
        }
    }
}
