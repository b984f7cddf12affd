import Archive
import Foundation

/// A render or stamp run writing into an archive: each file is journaled before it is written and
/// recorded in the manifest after, and a file whose input is unchanged is skipped.
public struct ArchiveRun: Sendable {
    public let store: ArchiveStore
    let digest: InputDigest
    /// SHA-256 of the records file's bytes.
    let recordsFile: String
    /// Write every file even when its input is unchanged.
    let force: Bool
    /// Where the run's documents go in this archive.
    let layout: ArchiveLayout

    public init(store: ArchiveStore, digest: InputDigest, recordsFile: URL, force: Bool = false) throws(ArchiveError) {
        guard let measure = FileDigest.measure(recordsFile) else { throw ArchiveError("无法读取记录文件 \(recordsFile.path)") }
        self.store = store
        self.digest = digest
        self.recordsFile = measure.sha256
        self.force = force
        layout = store.layout
    }

    func path(_ url: URL) -> String {
        // Every target comes from ArchiveLayout under the store's root.
        ArchivePath.relative(url, to: store.root)!
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
        guard let stamp = store.stamp(path(target)) else { return false }
        if stamp.record == record() {
            report.keptStamped.append(.init(subject: subject, document: document, serial: stamp.serial))
        } else {
            report.failures.append(.init(subject: subject, document: document,
                                         message: "记录在盖章后已改变，需审验机构重新盖章（已盖章的文件 \(stamp.serial) 保持原样）"))
        }
        return true
    }

    /// `record` in `run`, or just `write` when the output folder is not kept as an archive.
    static func write(_ target: URL, _ origin: @autoclosure () -> FileOrigin, in run: ArchiveRun?, subject: String,
                      document: String, report: inout RenderReport, _ write: (inout RenderReport) -> Int?) {
        if let run {
            run.record(target, origin(), subject: subject, document: document, report: &report, write)
        } else {
            _ = write(&report)
        }
    }

    /// Writes `target` through `write`, which returns the number of PNG previews it wrote beside it
    /// (`<kind>-<n>.png`), or nil when it failed (and reported why). Journal failures (a full disk)
    /// are reported against `subject` and `document`.
    func record(_ target: URL, _ origin: FileOrigin, subject: String, document: String, report: inout RenderReport,
                _ write: (inout RenderReport) -> Int?) {
        let path = path(target)
        do throws(AtomicFile.WriteError) {
            try store.willWrite(path, origin)
            guard let previews = write(&report) else { return }
            try store.didWrite(path, origin)
            var preview = origin
            preview.kind = ArchiveKinds.preview(of: origin.kind)
            let stem = (path as NSString).deletingPathExtension
            for page in 0..<previews { try store.didWrite("\(stem)-\(page + 1).png", preview) }
        } catch {
            report.failures.append(.init(subject: subject, document: document, message: error.description))
        }
    }
}
