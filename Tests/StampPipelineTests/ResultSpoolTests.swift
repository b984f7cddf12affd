import Archiving
import Documents
import Foundation
@testable import Pipeline
import Records
import Registry
import Rules
import Stamping
import Testing
import TestSupport

/// A stamp attempt's results, packed into its scratch spool as rendered and read back to be recorded
/// and placed: nothing may come back different, or the registry and the archive's manifest would
/// record something else than what was signed and written.
@Suite("the stamp run's result spool")
struct ResultSpoolTests {
    static func serial(_ sequence: Int) throws -> Serial { try #require(Serial(agency: "XZPX", year: 2016, sequence: sequence)) }

    /// A person's result with every optional field set (or, for `bare`, none that may be absent), its
    /// ledger year from the rules, and files whose origins do the same.
    static func result(in folder: URL, bare: Bool = false) throws -> StampRun.Result {
        let file = try Samples.write(Cases.examined(), to: folder, name: "records.json")
        let loaded = try RecordsLoader.load(contentsOf: file)
        let person = try loaded.records.people.person(at: 1)
        let assessment = RulesEngine().assess(person, year: loaded.records.year)
        let issued = try serial(7)
        let content = ResultContent.person(serial: issued, agencyName: "徐州市职业技术培训中心", unit: "徐州市测试单位\n“第一”",
                                           person: person, assessment: assessment, registrationSHA256: String(repeating: "a", count: 64),
                                           certificateSHA256: String(repeating: "b", count: 64))
        let signed = SignedResult(content: content, signature: (0..<64).map { UInt8($0 * 3 % 256) })
        let personFolder = folder.appendingPathComponent("people/\(person.idNumber)/2016", isDirectory: true)
        func staged(_ kind: DocumentKind, size: Int, previews: Int) -> StampRun.StagedFile {
            let origin = bare ? FileOrigin(year: -2016, kind: kind.rawValue, input: nil)
                : FileOrigin(person: person.idNumber, unit: "徐州市测试单位", year: 2016, kind: kind.rawValue,
                             input: String(repeating: "c", count: 64),
                             result: kind == .result ? IssuedResultRecord(serial: issued.description, agency: "XZPX",
                                                                          agencyName: "徐州市职业技术培训中心", verdict: "不合格",
                                                                          maskedName: "张*东", maskedID: "**************1239") : nil,
                             stamp: StampMark(serial: issued.description, record: String(repeating: "d", count: 64)))
            return StampRun.StagedFile(kind: kind, folder: personFolder, origin: origin,
                                       measure: .init(size: size, sha256: String(repeating: "e", count: 64)), previews: previews,
                                       subject: "\(person.name)（\(person.idNumber)）")
        }
        let files = [staged(.registration, size: 45_123, previews: 2), staged(.certificate, size: 0, previews: 0),
                     staged(.result, size: Int(Int32.max) + 1, previews: 1)]
        return StampRun.Result(subject: "\(person.name)（\(person.idNumber)）", key: person.idNumber, kind: .person,
                               outcome: bare ? .reused(signed) : .issued(signed, replacing: try serial(3)),
                               inForce: bare ? nil : try serial(3), verdict: "不合格", files: files,
                               ledgerYear: bare ? nil : LedgerYear(idNumber: person.idNumber, assessment))
    }

    @Test("a result reads back field for field: what the registry records, and each file with its origin",
          arguments: [false, true])
    func roundTrip(bare: Bool) throws {
        let folder = Repository.temporaryFolder("spool\(bare)")
        let spool = try ResultSpool(in: folder)
        let result = try Self.result(in: folder, bare: bare)
        // Another result before it: places are offsets into one file.
        _ = try spool.store(try Self.result(in: folder, bare: !bare))
        let stored = try spool.store(result)
        #expect(stored.line.serial == result.serial && stored.line.reused == bare && stored.line.verdict == "不合格")

        let recording = try spool.recording(stored.place)
        #expect(recording.key == result.key)
        #expect(recording.kind == .person)
        #expect(recording.outcome.signed.content.text == result.outcome.signed.content.text)
        #expect(recording.outcome.signed.signature == result.outcome.signed.signature)
        #expect(recording.outcome.isNew == !bare)
        #expect(recording.outcome.replacing == result.outcome.replacing)
        #expect(recording.inForce == result.inForce)
        #expect(recording.documents == result.files.map { IssuedDocument(kind: $0.kind.rawValue, sha256: $0.measure.sha256) })
        #expect(recording.ledgerYear == result.ledgerYear)
        if !bare { #expect(recording.ledgerYear?.reasons.isEmpty == false, "a failed year, with its reasons") }

        let files = try spool.files(stored.place)
        #expect(files.count == result.files.count)
        for (read, written) in zip(files, result.files) {
            #expect(read.kind == written.kind)
            #expect(read.folder.path == written.folder.path)
            #expect(read.origin == written.origin)
            #expect(read.measure == written.measure)
            #expect(read.previews == written.previews)
            #expect(read.subject == written.subject)
        }
    }

    /// The spool packs these types field by field: a field added to one must be added to the packing
    /// too (ResultSpool.swift), or it would be lost between rendering and recording.
    @Test("every field of the types the spool packs by hand is packed")
    func fieldsCounted() throws {
        let folder = Repository.temporaryFolder()
        let result = try Self.result(in: folder)
        let file = try #require(result.files.last)
        #expect(Mirror(reflecting: file).children.count == 6)
        #expect(Mirror(reflecting: file.origin).children.count == 7)
        #expect(Mirror(reflecting: try #require(file.origin.result)).children.count == 6)
        #expect(Mirror(reflecting: try #require(file.origin.stamp)).children.count == 2)
        #expect(Mirror(reflecting: IssuedDocument(kind: "result", sha256: "")).children.count == 2)
    }
}
