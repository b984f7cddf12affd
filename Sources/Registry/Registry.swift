import Rules
import Stamping

/// The register of issued results (审验登记库): the only source of an agency's serials, whichever front
/// end stamps. Two stores keep it — one SQLite file in the agency's profile folder (`SQLiteRegistry`, the
/// default on one machine) and one PostgreSQL database a whole city shares (`PostgresRegistry`) — and the
/// pipeline, the service and the CLI see only this interface (`RegistryLocation.open` picks the store).
///
/// A stamp run records all its results in one transaction (`run`): a run that dies leaves all of them or
/// none. Serials are taken in the transaction that records them: `RegistryTransaction.lastSequence`
/// holds the agency's year until the transaction ends, and a result is recorded only under the sequence
/// after it, so an agency's year has neither duplicates nor gaps.
public protocol Registry: Sendable {
    /// The file, or the database's URL without its password: named in every error.
    var location: String { get }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws. An
    /// error of `body` comes out as it was thrown; a database error as a RegistryError.
    func run<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T

    /// The result issued under `serial`, if any.
    func issued(_ serial: Serial) throws(RegistryError) -> IssuedResult?

    /// The result under which a file with this SHA-256 was issued, and the file's kind.
    func issued(documentSHA256 sha256: String) throws(RegistryError) -> (IssuedResult, IssuedDocument)?

    /// The result in force for a person or unit (`RegistryTransaction.current`), read without waiting for a writer.
    func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult?

    /// The subjects (公民身份号码, or units' names) with a result of this agency, year and kind in force,
    /// read without waiting for a writer: a stamp run reads them once, and looks up one by one only the
    /// people who have one.
    func subjectsInForce(agency: String, year: Int, kind: ResultContent.Kind) throws(RegistryError) -> Set<String>

    /// The last sequence the agency issued in `year` (0 for none), read without waiting for a writer.
    func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int

    /// Every result of `year` of every agency, superseded ones included, by serial: what the city office
    /// (市职称办) draws its spot check from.
    func results(year: Int) throws(RegistryError) -> [IssuedResult]

    /// An agency's results found by `text` (an agency's search page): the one whose serial it is, the
    /// people's whose 公民身份号码 it is, and those whose person's name contains it; superseded ones
    /// included, the latest year first, at most `limit`.
    func search(agency: String, text: String, limit: Int) throws(RegistryError) -> [IssuedResult]

    /// The ledger (学时台账) of these people, or with nil of everyone, read without waiting for a writer:
    /// what `check`, `render` and `stamp` judge earlier years by. A run reads its own people's years
    /// only: a city's registry holds every person of every agency.
    func ledger(of people: [String]?) throws(RegistryError) -> Ledger

    /// Adds one entry to the log of stamp requests.
    func log(_ request: StampRequest) throws(RegistryError)

    /// Every logged stamp request, oldest first.
    func stampRequests() throws(RegistryError) -> [StampRequest]

    /// Whether the registry can be read now (`cedocs serve`'s /readyz): one real query.
    func probe() throws(RegistryError)
}

/// The registry inside one stamp run's transaction.
public protocol RegistryTransaction {
    /// The result currently in force for a person (by 公民身份号码) or a unit (by name) with this
    /// agency and year: the one a re-stamp reuses when nothing changed.
    func current(agency: String, year: Int, kind: ResultContent.Kind, subject: String) throws(RegistryError) -> IssuedResult?

    /// The last sequence the agency issued in `year`; 0 when none yet. Other transactions issuing for the
    /// same agency and year wait until this one ends.
    func lastSequence(agency: String, year: Int) throws(RegistryError) -> Int

    /// Records a newly signed result for `subject`, under the sequence after the last one issued (refused
    /// otherwise); the result it replaces, if any, is marked superseded.
    func record(_ signed: SignedResult, subject: String, replacing old: Serial?) throws(RegistryError)

    /// Records a file issued under `serial`. Issuing the same bytes again changes nothing.
    func record(_ document: IssuedDocument, of serial: Serial) throws(RegistryError)

    /// Records a stamped year of a person in the ledger, and judges again the person's later years the
    /// ledger holds (`Ledger.record`). Returns those whose result changed.
    func record(_ entry: LedgerYear) throws(RegistryError) -> [LedgerChange]
}

extension RegistryTransaction {
    /// The next unused serial of the agency's year.
    public func nextSerial(agency: String, year: Int) throws(RegistryError) -> Serial {
        let last = try lastSequence(agency: agency, year: year)
        guard let serial = Serial(agency: agency, year: year, sequence: last + 1) else {
            throw RegistryError("机构 \(agency) \(year) 年度的审验编号已用完（最多 \(Serial.sequences.upperBound) 个）")
        }
        return serial
    }

    /// The serial and year a result to record carries; refused unless its sequence follows the last one
    /// its agency issued that year.
    func numbered(_ signed: SignedResult) throws(RegistryError) -> (Serial, Int) {
        guard let serial = signed.content.serial, let year = Int(signed.content["year"] ?? "") else {
            throw RegistryError("内部错误：结果内容缺少编号或年度")
        }
        let last = try lastSequence(agency: serial.agency, year: year)
        guard serial.sequence == last + 1 else {
            throw RegistryError("内部错误：\(serial) 不是机构 \(serial.agency) \(year) 年度的下一个编号（已出具到第 \(last) 号）")
        }
        return (serial, year)
    }
}

extension Registry {
    /// The whole ledger (`cedocs registry ledger` writes it out).
    public func ledger() throws(RegistryError) -> Ledger { try ledger(of: nil) }
}
