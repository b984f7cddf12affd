import Archiving
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
        let recording: Data, files: Data
        do {
            recording = try JSONEncoder().encode(RecordingPart(result))
            files = try JSONEncoder().encode(result.files.map(FilePart.init))
        } catch {
            throw StampingError("\(result.subject)：盖章结果无法暂存（\(error)），本次盖章未登记任何结果")
        }
        let line = StampReport.Issued(subject: result.subject, serial: result.serial, verdict: result.verdict,
                                      reused: !result.outcome.isNew, replaced: result.outcome.replacing)
        let range: Range<Int>
        do { range = try file.append(Array(recording + files)) } catch {
            throw StampingError("\(error)，本次盖章未登记任何结果，也未替换任何文件", storageFull: error.storageFull)
        }
        return Stored(place: Place(start: range.lowerBound, recording: recording.count, files: files.count), line: line)
    }

    /// What the registry records of the result.
    func recording(_ stored: Place) throws(StampingError) -> StampRun.Recording {
        guard let part = decode(RecordingPart.self, stored.recording), let recording = part.recording else { throw Self.unreadable }
        return recording
    }

    /// The result's files at their temporary names.
    func files(_ stored: Place) throws(StampingError) -> [StampRun.StagedFile] {
        guard let parts = decode([FilePart].self, stored.files), !parts.isEmpty else { throw Self.unreadable }
        var files: [StampRun.StagedFile] = []
        for part in parts {
            guard let file = part.file else { throw Self.unreadable }
            files.append(file)
        }
        return files
    }

    private static let unreadable = StampingError("盖章暂存的结果无法读回（磁盘读取失败）：本次盖章未登记任何结果，请重新运行")

    private func decode<Part: Decodable>(_ type: Part.Type, _ range: Range<Int>) -> Part? {
        guard let bytes = file.read(range) else { return nil }
        return try? JSONDecoder().decode(type, from: Data(bytes))
    }

    /// What the registry records, as the spool writes it: the signed content as the registry keeps
    /// it (`ResultContent.text`), and each file's kind and SHA-256.
    private struct RecordingPart: Codable {
        var key: String
        var content: String
        var signature: Data
        /// Whether it was issued in this run, and the serial it replaces.
        var issued: Bool
        var replacing: String?
        var inForce: String?
        var documents: [Document]
        var ledgerYear: LedgerYear?

        struct Document: Codable {
            var kind: String
            var sha256: String
        }

        init(_ result: StampRun.Result) {
            key = result.key
            let signed = result.outcome.signed
            content = signed.content.text
            signature = Data(signed.signature)
            issued = result.outcome.isNew
            replacing = result.outcome.replacing?.description
            inForce = result.inForce?.description
            documents = result.files.map { Document(kind: $0.kind.rawValue, sha256: $0.measure.sha256) }
            ledgerYear = result.ledgerYear
        }

        /// Nil for bytes this type did not write.
        var recording: StampRun.Recording? {
            guard let content = ResultContent(text: content) else { return nil }
            let signed = SignedResult(content: content, signature: Array(signature))
            return StampRun.Recording(key: key, kind: content.kind,
                                      outcome: issued ? .issued(signed, replacing: replacing.flatMap(Serial.init)) : .reused(signed),
                                      inForce: inForce.flatMap(Serial.init),
                                      documents: documents.map { IssuedDocument(kind: $0.kind, sha256: $0.sha256) },
                                      ledgerYear: ledgerYear)
        }
    }

    /// A file at its temporary name, as the spool writes it.
    private struct FilePart: Codable {
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

        /// Nil for bytes this type did not write.
        var file: StampRun.StagedFile? {
            guard let kind = DocumentKind(rawValue: kind) else { return nil }
            return StampRun.StagedFile(kind: kind, folder: URL(fileURLWithPath: folder, isDirectory: true), origin: origin,
                                       measure: .init(size: size, sha256: sha256), previews: previews, subject: subject)
        }
    }
}
