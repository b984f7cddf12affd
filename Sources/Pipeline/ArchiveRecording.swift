import Archiving
import Bytes
import Documents
import Foundation
import Stamping

/// A render or stamp run writing into an archive: each file is journaled before it is written and
/// recorded in the manifest after, and a file whose input is unchanged is skipped.
public struct ArchiveRecording: Sendable {
    public let store: ArchiveStore
    let digest: InputDigest
    /// SHA-256 of the records file's bytes.
    let recordsFile: String
    /// Write every file even when its input is unchanged.
    let force: Bool
    /// Where the run's documents go in this archive.
    let layout: ArchiveLayout
    /// The archive's root as `ArchivePath.relative` compares it, worked out once, not for every file.
    let rootPath: String

    public init(store: ArchiveStore, digest: InputDigest, recordsFile: URL, force: Bool = false) throws(ArchiveError) {
        guard let measure = FileDigest.measure(recordsFile) else { throw ArchiveError("无法读取记录文件 \(recordsFile.path)") }
        self.store = store
        self.digest = digest
        self.recordsFile = measure.sha256
        self.force = force
        layout = try store.layout()
        rootPath = store.root.standardizedFileURL.path
    }

    func path(_ url: URL) -> String {
        // Every target comes from ArchiveLayout under the store's root.
        ArchivePath.relative(url, toRootPath: rootPath)!
    }

    /// True when `target` is on disk as made from `origin`'s input.
    func isCurrent(_ target: URL, _ origin: FileOrigin) -> Bool {
        guard !force, let input = origin.input else { return false }
        return store.isCurrent(path(target), input: input)
    }

    /// Whether `target` is a file an agency stamped, which only `cedocs stamp` replaces (with a new
    /// serial, the old one superseded): then it is kept and reported as kept, or, when the record it
    /// was stamped from (`record`, `InputDigest.record`) has changed since, reported as a failure so
    /// that the clerk has the agency stamp again.
    func keepsStamped(_ target: URL, record: @autoclosure () -> String, subject: String, document: String,
                      report: inout RenderReport) -> Bool {
        guard let stamp = stamp(on: target) else { return false }
        // An older archive's stamp does not say what it was made from: kept, the record unjudged.
        if stamp.record.isEmpty || stamp.record == record() {
            report.keptStamped.append(.init(subject: subject, document: document, serial: stamp.serial))
        } else {
            report.failures.append(.init(subject: subject, document: document,
                                         message: "记录在盖章后已改变，需审验机构重新盖章（已盖章的文件 \(stamp.serial) 保持原样）"))
        }
        return true
    }

    /// A file written: its size and SHA-256 as written, and how many PNG previews were written beside
    /// it (`<kind>-<n>.png`).
    struct Written {
        var measure: FileDigest.Measure
        var previews: Int
    }

    /// The agency's stamp on `target`, as the manifest lists it. An archive stamped before the
    /// manifest kept stamps (cedocs before issue 12) lists its stamped files like any other; such a
    /// file is known by the serial a stamped PDF carries in its keywords (`Serial.find`), and its
    /// mark has an empty record: what it was stamped from is not known. A person's file is read for
    /// it only beside a result sheet the agency issued, so a unit's own files cost no reading.
    func stamp(on target: URL) -> StampMark? {
        let path = path(target)
        if let stamp = store.stamp(path) { return stamp }
        guard let entry = store.entry(path), entry.origin.stamp == nil else { return nil }
        switch entry.origin.kind {
        case DocumentKind.registration.rawValue, DocumentKind.certificate.rawValue:
            let sheet = (path as NSString).deletingLastPathComponent + "/" + DocumentKind.result.fileName
            guard store.entry(sheet)?.origin.result != nil else { return nil }
        case DocumentKind.annualAudit.rawValue:
            break
        default:
            return nil
        }
        return Self.keywordSerial(target).map { StampMark(serial: $0.description, record: "") }
    }

    /// The serial in a PDF's document information, which Cairo writes with the keywords in the last
    /// part of the file (the last MB is read).
    static func keywordSerial(_ file: URL) -> Serial? {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        guard let bytes = FileRead.bytes(max(0, size - (1 << 20))..<size, from: fd) else { return nil }
        let key = Array("/Keywords (".utf8)
        guard let start = bytes.indices.last(where: { bytes[$0...].starts(with: key) }) else { return nil }
        let value = bytes[(start + key.count)...].prefix { $0 != UInt8(ascii: ")") }
        return Serial.find(in: Array(value)).first
    }

    /// `record` in `run`, or just `write` when the output folder is not kept as an archive.
    static func write(_ target: URL, _ origin: @autoclosure () -> FileOrigin, in run: ArchiveRecording?, subject: String,
                      document: String, report: inout RenderReport, _ write: (inout RenderReport) -> Written?) {
        if let run {
            run.record(target, origin(), subject: subject, document: document, report: &report, write)
        } else {
            _ = write(&report)
        }
    }

    /// Deletes `target`, a file the run no longer makes (unlisted from `run`'s manifest too), and
    /// reports it; a failure is reported against `subject` and `document`.
    static func remove(_ target: URL, in run: ArchiveRecording?, subject: String, document: String, report: inout RenderReport) {
        do throws(AtomicFile.WriteError) {
            if let run {
                try run.store.remove(run.path(target))
            } else if unlink(target.path) != 0 && errno != ENOENT {
                throw AtomicFile.WriteError(path: target.path, errno: errno)
            }
            report.removed.append(target.lastPathComponent)
        } catch {
            report.failures.append(.init(subject: subject, document: document, message: "未能删除：\(error)"))
        }
    }

    /// Writes `target` through `write`, which returns what it wrote, or nil when it failed (and
    /// reported why). Journal failures (a full disk) are reported against `subject` and `document`.
    func record(_ target: URL, _ origin: FileOrigin, subject: String, document: String, report: inout RenderReport,
                _ write: (inout RenderReport) -> Written?) {
        let path = path(target)
        do throws(AtomicFile.WriteError) {
            try store.willWrite(path, origin)
            guard let written = write(&report) else { return }
            try store.didWrite(path, origin, measure: written.measure)
            guard written.previews > 0 else { return }
            var preview = origin
            preview.kind = ArchiveKinds.preview(of: origin.kind)
            let stem = (path as NSString).deletingPathExtension
            for page in 0..<written.previews { try store.didWrite("\(stem)-\(page + 1).png", preview) }
        } catch {
            report.failures.append(.init(subject: subject, document: document, message: error.description))
        }
    }
}
