import Archiving
import Documents
import Foundation
import Rules
import Stamping

/// A stamp attempt's results, written to a scratch file beside the output as they are rendered and
/// read back to be recorded and placed, instead of held until the run commits: a result with its
/// signed content, ledger year and three files' origins is 2–3 KB, and a run of 30,000 people held
/// them all (issue 18: memory flat in the number of people). What stays in memory is a range each.
/// The workers store their people's results themselves, so the encoding runs on every core.
final class ResultSpool: Sendable {
    /// Where one result is in the spool, and the run report's line for it.
    struct Stored: Sendable {
        var range: Range<Int>
        var line: StampReport.Issued
    }

    private let file: ScratchFile

    init(in folder: URL) throws(StampingError) {
        do { file = try ScratchFile(in: folder) } catch {
            throw StampingError("\(error)，本次盖章未登记任何结果", storageFull: error.storageFull)
        }
    }

    func store(_ result: StampRun.Result) throws(StampingError) -> Stored {
        let bytes: Data
        do { bytes = try JSONEncoder().encode(Record(result)) } catch {
            throw StampingError("\(result.subject)：盖章结果无法暂存（\(error)），本次盖章未登记任何结果")
        }
        let line = StampReport.Issued(subject: result.subject, serial: result.serial, verdict: result.verdict,
                                      reused: !result.outcome.isNew, replaced: result.outcome.replacing)
        do { return Stored(range: try file.append(Array(bytes)), line: line) } catch {
            throw StampingError("\(error)，本次盖章未登记任何结果，也未替换任何文件", storageFull: error.storageFull)
        }
    }

    func load(_ stored: Stored) throws(StampingError) -> StampRun.Result {
        guard let bytes = file.read(stored.range), let record = try? JSONDecoder().decode(Record.self, from: Data(bytes)),
              let result = record.result else {
            throw StampingError("盖章暂存的结果无法读回（磁盘读取失败）：本次盖章未登记任何结果，请重新运行")
        }
        return result
    }

    /// A result as the spool writes it: its signed content as the registry keeps it (`ResultContent.text`).
    private struct Record: Codable {
        var subject: String
        var key: String
        var content: String
        var signature: Data
        /// Whether it was issued in this run, and the serial it replaces.
        var issued: Bool
        var replacing: String?
        var inForce: String?
        var verdict: String
        var files: [File]
        var ledgerYear: LedgerYear?

        struct File: Codable {
            var kind: String
            var folder: String
            var origin: FileOrigin
            var size: Int
            var sha256: String
            var previews: Int
            var subject: String
        }

        init(_ result: StampRun.Result) {
            subject = result.subject
            key = result.key
            let signed = result.outcome.signed
            content = signed.content.text
            signature = Data(signed.signature)
            issued = result.outcome.isNew
            replacing = result.outcome.replacing?.description
            inForce = result.inForce?.description
            verdict = result.verdict
            files = result.files.map {
                File(kind: $0.kind.rawValue, folder: $0.folder.path, origin: $0.origin, size: $0.measure.size,
                     sha256: $0.measure.sha256, previews: $0.previews, subject: $0.subject)
            }
            ledgerYear = result.ledgerYear
        }

        /// Nil for bytes this type did not write.
        var result: StampRun.Result? {
            guard let content = ResultContent(text: content) else { return nil }
            let signed = SignedResult(content: content, signature: Array(signature))
            var files: [StampRun.StagedFile] = []
            for file in self.files {
                guard let kind = DocumentKind(rawValue: file.kind) else { return nil }
                files.append(StampRun.StagedFile(kind: kind, folder: URL(fileURLWithPath: file.folder, isDirectory: true),
                                                 origin: file.origin, measure: .init(size: file.size, sha256: file.sha256),
                                                 previews: file.previews, subject: file.subject))
            }
            let outcome: Issuer.Outcome = issued ? .issued(signed, replacing: replacing.flatMap(Serial.init)) : .reused(signed)
            return StampRun.Result(subject: subject, key: key, kind: content.kind, outcome: outcome,
                                   inForce: inForce.flatMap(Serial.init), verdict: verdict, files: files,
                                   ledgerYear: ledgerYear)
        }
    }
}
