import Archiving
import Bytes
import Documents
import Foundation
import Registry
import Rules
import Stamping

/// A stamp attempt's results, written to a scratch file beside the output as they are rendered and
/// read back to be recorded and placed, instead of held until the run commits: a result with its
/// signed content, ledger year and three files' origins is 2–3 KB, and a run of 30,000 people held
/// them all (issue 18: memory flat in the number of people). What stays in memory is a range each.
/// The workers store their people's results themselves, so the encoding runs on every core.
///
/// Each result is stored in two parts, read back apart: what the registry records (read in the one
/// write transaction, which every other stamp of the agency waits for) and the files' origins (read
/// when the files are put in place, on every core). Neither step decodes what only the other needs.
final class ResultSpool: Sendable {
    /// Where one result is in the spool: its two parts one after the other, 16 bytes a result.
    struct Place: Sendable {
        private var start: Int
        private var recordingCount: UInt32
        private var filesCount: UInt32

        /// A person's part is a few KB; the unit's, which lists every person's serial, some 20 bytes a
        /// person: far below the 4 GiB a count holds.
        init(start: Int, recording: Int, files: Int) {
            self.start = start
            recordingCount = UInt32(recording)
            filesCount = UInt32(files)
        }

        var recording: Range<Int> { start..<start + Int(recordingCount) }
        var files: Range<Int> { recording.upperBound..<recording.upperBound + Int(filesCount) }
    }

    /// A result stored: where, and the run report's line for it.
    struct Stored: Sendable {
        var place: Place
        var line: StampReport.Issued
    }

    private let file: ScratchFile

    init(in folder: URL) throws(StampingError) {
        do { file = try ScratchFile(in: folder) } catch {
            throw StampingError("\(error)，本次盖章未登记任何结果", storageFull: error.storageFull)
        }
    }

    func store(_ result: StampRun.Result) throws(StampingError) -> Stored {
        var packer = FieldPacker(capacity: 4096)
        do { try RecordingPart(result).pack(into: &packer) } catch {
            throw StampingError("\(result.subject)：盖章结果无法暂存（\(error)），本次盖章未登记任何结果")
        }
        let recording = packer.bytes.count
        packer.pack(result.files) { FilePart($1).pack(into: &$0) }
        let line = StampReport.Issued(subject: result.subject, serial: result.serial, verdict: result.verdict,
                                      reused: !result.outcome.isNew, replaced: result.outcome.replacing)
        let range: Range<Int>
        do { range = try file.append(packer.bytes) } catch {
            throw StampingError("\(error)，本次盖章未登记任何结果，也未替换任何文件", storageFull: error.storageFull)
        }
        return Stored(place: Place(start: range.lowerBound, recording: recording, files: packer.bytes.count - recording), line: line)
    }

    /// What the registry records of the result.
    func recording(_ stored: Place) throws(StampingError) -> StampRun.Recording {
        guard var unpacker = unpacker(stored.recording), let part = RecordingPart(unpacking: &unpacker), unpacker.isComplete,
              let recording = part.recording else { throw Self.unreadable }
        return recording
    }

    /// The result's files at their temporary names.
    func files(_ stored: Place) throws(StampingError) -> [StampRun.StagedFile] {
        guard var unpacker = unpacker(stored.files), let parts = unpacker.array({ FilePart(unpacking: &$0) }), unpacker.isComplete,
              !parts.isEmpty else { throw Self.unreadable }
        var files: [StampRun.StagedFile] = []
        for part in parts {
            guard let file = part.file else { throw Self.unreadable }
            files.append(file)
        }
        return files
    }

    private static let unreadable = StampingError("盖章暂存的结果无法读回（磁盘读取失败）：本次盖章未登记任何结果，请重新运行")

    private func unpacker(_ range: Range<Int>) -> FieldUnpacker? { file.read(range).map(FieldUnpacker.init) }

    /// What the registry records, as the spool packs it: the signed content as the registry keeps it
    /// (`ResultContent.text`), and each file's kind and SHA-256.
    private struct RecordingPart {
        var key: String
        var content: String
        var signature: [UInt8]
        /// Whether it was issued in this run, and the serial it replaces.
        var issued: Bool
        var replacing: String?
        var inForce: String?
        var documents: [IssuedDocument]
        /// The ledger year in its Codable form (JSON): a year's credits and cycle are the rules' to
        /// define, and a field they add must never be lost on the way to the registry.
        var ledgerYear: [UInt8]?

        init(_ result: StampRun.Result) throws {
            key = result.key
            let signed = result.outcome.signed
            content = signed.content.text
            signature = signed.signature
            issued = result.outcome.isNew
            replacing = result.outcome.replacing?.description
            inForce = result.inForce?.description
            documents = result.files.map { IssuedDocument(kind: $0.kind.rawValue, sha256: $0.measure.sha256) }
            ledgerYear = try result.ledgerYear.map { Array(try JSONEncoder().encode($0)) }
        }

        func pack(into packer: inout FieldPacker) {
            packer.pack(key)
            packer.pack(content)
            packer.pack(signature)
            packer.pack(issued)
            packer.pack(replacing)
            packer.pack(inForce)
            packer.pack(documents) { packer, document in
                packer.pack(document.kind)
                packer.pack(document.sha256)
            }
            packer.pack(ledgerYear) { $0.pack($1) }
        }

        /// Nil for bytes this type did not pack.
        init?(unpacking unpacker: inout FieldUnpacker) {
            guard let key = unpacker.string(), let content = unpacker.string(), let signature = unpacker.byteRun(),
                  let issued = unpacker.bool(), let replacing = unpacker.optionalString(), let inForce = unpacker.optionalString(),
                  let documents = unpacker.array({ unpacker -> IssuedDocument? in
                      guard let kind = unpacker.string(), let sha256 = unpacker.string() else { return nil }
                      return IssuedDocument(kind: kind, sha256: sha256)
                  }),
                  let ledgerYear = unpacker.optional({ $0.byteRun() }) else { return nil }
            (self.key, self.content, self.signature, self.issued) = (key, content, signature, issued)
            (self.replacing, self.inForce, self.documents, self.ledgerYear) = (replacing, inForce, documents, ledgerYear)
        }

        /// Nil for a content or ledger year this type did not write.
        var recording: StampRun.Recording? {
            guard let content = ResultContent(text: content) else { return nil }
            var year: LedgerYear?
            if let ledgerYear {
                guard let decoded = try? JSONDecoder().decode(LedgerYear.self, from: Data(ledgerYear)) else { return nil }
                year = decoded
            }
            let signed = SignedResult(content: content, signature: signature)
            return StampRun.Recording(key: key, kind: content.kind,
                                      outcome: issued ? .issued(signed, replacing: replacing.flatMap(Serial.init)) : .reused(signed),
                                      inForce: inForce.flatMap(Serial.init), documents: documents, ledgerYear: year)
        }
    }

    /// A file at its temporary name, as the spool packs it.
    private struct FilePart {
        var kind: String
        var folder: String
        var origin: FileOrigin
        var size: Int
        var sha256: String
        var previews: Int
        var subject: String

        init(_ file: StampRun.StagedFile) {
            kind = file.kind.rawValue
            folder = file.folder.path
            origin = file.origin
            size = file.measure.size
            sha256 = file.measure.sha256
            previews = file.previews
            subject = file.subject
        }

        func pack(into packer: inout FieldPacker) {
            packer.pack(kind)
            packer.pack(folder)
            origin.pack(into: &packer)
            packer.pack(size)
            packer.pack(sha256)
            packer.pack(previews)
            packer.pack(subject)
        }

        init?(unpacking unpacker: inout FieldUnpacker) {
            guard let kind = unpacker.string(), let folder = unpacker.string(), let origin = FileOrigin(unpacking: &unpacker),
                  let size = unpacker.int(), let sha256 = unpacker.string(), let previews = unpacker.int(),
                  let subject = unpacker.string() else { return nil }
            (self.kind, self.folder, self.origin, self.size) = (kind, folder, origin, size)
            (self.sha256, self.previews, self.subject) = (sha256, previews, subject)
        }

        /// Nil for a kind this type did not write.
        var file: StampRun.StagedFile? {
            guard let kind = DocumentKind(rawValue: kind) else { return nil }
            return StampRun.StagedFile(kind: kind, folder: URL(fileURLWithPath: folder, isDirectory: true), origin: origin,
                                       measure: .init(size: size, sha256: sha256), previews: previews, subject: subject)
        }
    }
}

/// A file's origin as the spool packs it, field by field (`ResultSpoolTests` checks that every field
/// of these types is packed).
extension FileOrigin {
    fileprivate func pack(into packer: inout FieldPacker) {
        packer.pack(person)
        packer.pack(unit)
        packer.pack(year)
        packer.pack(kind)
        packer.pack(input)
        packer.pack(result) { packer, result in
            for field in [result.serial, result.agency, result.agencyName, result.verdict, result.maskedName, result.maskedID] {
                packer.pack(field)
            }
        }
        packer.pack(stamp) { packer, stamp in
            packer.pack(stamp.serial)
            packer.pack(stamp.record)
        }
    }

    fileprivate init?(unpacking unpacker: inout FieldUnpacker) {
        guard let person = unpacker.optionalString(), let unit = unpacker.optionalString(), let year = unpacker.int(),
              let kind = unpacker.string(), let input = unpacker.optionalString(),
              let result = unpacker.optional({ unpacker -> IssuedResultRecord? in
                  guard let serial = unpacker.string(), let agency = unpacker.string(), let agencyName = unpacker.string(),
                        let verdict = unpacker.string(), let maskedName = unpacker.string(), let maskedID = unpacker.string()
                  else { return nil }
                  return IssuedResultRecord(serial: serial, agency: agency, agencyName: agencyName, verdict: verdict,
                                            maskedName: maskedName, maskedID: maskedID)
              }),
              let stamp = unpacker.optional({ unpacker -> StampMark? in
                  guard let serial = unpacker.string(), let record = unpacker.string() else { return nil }
                  return StampMark(serial: serial, record: record)
              }) else { return nil }
        self.init(person: person, unit: unit, year: year, kind: kind, input: input, result: result, stamp: stamp)
    }
}
