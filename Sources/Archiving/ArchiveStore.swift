import Foundation

/// An archive opened for a run (归档): the lock held, the manifest loaded and brought up to date with
/// the disk, and a journal recording every file the run writes.
///
/// Consistency under `kill -9`: a document is written by `AtomicFile` (whole or not at all), and
/// `willWrite` journals its intent before, `didWrite` its size and SHA-256 after.
/// So at every moment `manifest.json` with the journal replayed describes the disk. Opening the
/// archive replays a journal left by a killed run, settles each intent by the file found on disk,
/// removes stray temporary files, and writes the manifest anew (`close` does the same at the end of
/// a run); only then is the journal removed. A crash during recovery leaves the same journal to
/// replay again: replaying is idempotent.
///
/// Thread-safe: the workers of a batch record their files concurrently.
public final class ArchiveStore: @unchecked Sendable {
    // @unchecked: `manifest`, `pending` and `journal` are touched only while `lock` is held.
    public let root: URL
    private let lock = NSLock()
    private var manifest: ManifestIndex
    /// The index failed (a full or failing disk): nothing more is written, and `close` reports it,
    /// leaving the journal for the next opening to replay.
    private var failure: ArchiveError?
    /// Intents not yet done, by path.
    private var pending: [String: FileOrigin] = [:]
    private var journal: ManifestJournal?
    /// Something was journaled since opening: the manifest is to be rewritten at `close`.
    private var changed = false
    /// Held from opening to `close`.
    private var processLock: ArchiveLock?

    /// Opens (creating) the archive at `root`; `waiting` is called if another process holds it.
    public init(root: URL, waiting: () -> Void = {}) throws(ArchiveError) {
        self.root = root.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError("无法创建归档目录 \(root.path)（\(error.localizedDescription)）")
        }
        processLock = try ArchiveLock(root: self.root, waiting: waiting)
        manifest = try ManifestIndex(manifest: self.root.appendingPathComponent(ArchivePath.manifest),
                                     index: self.root.appendingPathComponent(ArchivePath.index))
        try recover()
        journal = try ManifestJournal(url: journalURL)
        manifest.journalFile = ReadOnlyFile(journalURL)
    }

    private var journalURL: URL { root.appendingPathComponent(ArchivePath.journal) }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path, isDirectory: false) }

    /// The manifest's entries, sorted by path.
    public func entries() throws(ArchiveError) -> [ManifestEntry] {
        try withIndex { () throws(ArchiveError) in try manifest.sorted() }
    }

    /// The entry listed at `path`; nil too when the index failed, after which nothing more is written.
    public func entry(_ path: String) -> ManifestEntry? {
        try? withIndex { () throws(ArchiveError) in try manifest.entry(path) }
    }

    /// Where this archive's documents go: the layout's rule, with each unit folder made by the earlier
    /// rule kept for the one unit the manifest says it belongs to.
    public func layout() throws(ArchiveError) -> ArchiveLayout {
        let units = try withIndex { () throws(ArchiveError) in
            var units: [ManifestEntry] = []
            for path in try manifest.paths(under: "units/") { if let entry = try manifest.entry(path) { units.append(entry) } }
            return units
        }
        return ArchiveLayout(root: root, keeping: ArchiveLayout.keptUnitFolders(units.map { ($0.path, $0.origin.unit) }))
    }

    /// The agency's stamp on the file listed at `path`, if an agency stamped it. Nil too when the
    /// index failed: then the file is not written either (`willWrite` refuses), so no stamped file
    /// is replaced.
    public func stamp(_ path: String) -> StampMark? {
        try? withIndex { () throws(ArchiveError) in try manifest.stamp(path) }
    }

    /// True when the file at `path` was made from the same input and is on disk as made: then a run
    /// need not write it again (跳过未变的文件). The file is read only when its listing says it was made
    /// from `input`, and outside the lock.
    public func isCurrent(_ path: String, input: String) -> Bool {
        guard let listed = try? withIndex({ () throws(ArchiveError) in try manifest.listed(path) }), listed.isMade(from: input),
              let measure = FileDigest.measure(url(path)), FileEnding.isComplete(url(path)) else { return false }
        return listed.matches(measure)
    }

    /// Journals that the file at `path` is about to be written; call before the rename.
    public func willWrite(_ path: String, _ origin: FileOrigin) throws(AtomicFile.WriteError) {
        let line = ManifestJournal.intent(path: path, origin: origin)
        try withJournal { journal throws(AtomicFile.WriteError) in
            try journal.append(line)
            pending[path] = origin
            changed = true
        }
    }

    /// Records the file now at `path` into the manifest: its size and SHA-256 as the writer measured
    /// them, or read from disk.
    public func didWrite(_ path: String, _ origin: FileOrigin, measure: FileDigest.Measure? = nil) throws(AtomicFile.WriteError) {
        guard let measure = measure ?? FileDigest.measure(url(path)) else {
            throw AtomicFile.WriteError(path: url(path).path, reason: "刚写入的文件无法读取")
        }
        let entry = ManifestEntry(path: path, size: measure.size, sha256: measure.sha256, origin: origin)
        let line = ManifestJournal.done(entry)
        try withJournal { journal throws(AtomicFile.WriteError) in
            let range = try journal.append(line)
            do throws(ArchiveError) { try manifest.set(entry, source: .journal(range)) } catch {
                failure = error
                throw AtomicFile.WriteError(path: url(path).path, reason: "已写入，但未能记入清单（\(error)）")
            }
            pending[path] = nil
        }
    }

    /// Deletes the file at `path` and unlists it, journaled first so that a run killed meanwhile
    /// finishes the removal when the archive is next opened. A stamped file is never removed.
    public func remove(_ path: String) throws(AtomicFile.WriteError) {
        if let stamp = stamp(path) {
            throw AtomicFile.WriteError(path: url(path).path, reason: "已盖章（审验编号 \(stamp.serial)），不删除")
        }
        let line = ManifestJournal.removed(path: path)
        try withJournal { journal throws(AtomicFile.WriteError) in
            try journal.append(line)
            changed = true
            pending[path] = nil
            guard unlink(url(path).path) == 0 || errno == ENOENT else { throw AtomicFile.WriteError(path: url(path).path, errno: errno) }
            do throws(ArchiveError) { try manifest.delete(path) } catch {
                failure = error
                throw AtomicFile.WriteError(path: url(path).path, reason: "已删除，但未能从清单中去掉（\(error)）")
            }
        }
    }

    /// Ends the run: settles what is pending, writes the manifest, removes the journal, and lets
    /// other processes in. On failure (a full disk) the journal stays, and the next opening finishes
    /// the job.
    public func close() throws(ArchiveError) {
        lock.lock()
        defer {
            processLock = nil
            lock.unlock()
        }
        journal?.close()
        journal = nil
        defer { manifest.remove() }
        if let failure {
            throw ArchiveError("\(failure)：已写入的文件记在 \(ArchivePath.journal) 中，下次运行或 cedocs archive check 时补记")
        }
        guard changed else {
            unlink(journalURL.path)
            return
        }
        try settle(pending)
        pending = [:]
        try commit()
    }

    private func withJournal(_ body: (ManifestJournal) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        lock.lock()
        defer { lock.unlock() }
        guard let journal else { throw AtomicFile.WriteError(path: journalURL.path, reason: "归档已关闭") }
        if let failure { throw AtomicFile.WriteError(path: journalURL.path, reason: "本次运行不再写入文件（\(failure)）") }
        try body(journal)
    }

    /// A question to the index, under the lock; its failure is kept, so that nothing more is written.
    private func withIndex<T>(_ body: () throws(ArchiveError) -> T) throws(ArchiveError) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        do { return try body() } catch {
            failure = error
            throw error
        }
    }

    /// Replays a journal left by an interrupted run, and clears stray temporary files.
    private func recover() throws(ArchiveError) {
        let lines = ManifestJournal.read(journalURL)
        var intents: [String: FileOrigin] = [:]
        for line in lines {
            switch line {
            case .intent(let path, let origin) where ArchivePath.isSafe(path):
                intents[path] = origin
            case .done(let entry) where ArchivePath.isSafe(entry.path):
                try manifest.set(entry, source: .entry(entry))
                intents[entry.path] = nil
            case .removed(let path) where ArchivePath.isSafe(path):
                intents[path] = nil
                unlink(url(path).path)
                try manifest.delete(path)
            default:
                continue
            }
        }
        try settle(intents)
        var strays: [String] = []
        ArchiveWalk.files(under: root) { path in if ArchiveWalk.isTemporary(path) { strays.append(path) } }
        for path in strays { unlink(url(path).path) }
        if !lines.isEmpty || FileManager.default.fileExists(atPath: journalURL.path) { try commit() }
    }

    /// An intent without its done: the file may or may not have been renamed into place. What is
    /// on disk decides: the listed file unchanged keeps its entry; a different file (with its PNG
    /// previews) is listed as found, with an unknown input so that the next run writes it again.
    private func settle(_ intents: [String: FileOrigin]) throws(ArchiveError) {
        for (path, origin) in intents {
            for (candidate, candidateOrigin) in [(path, origin)] + previews(of: path, origin) {
                guard let measure = FileDigest.measure(url(candidate)) else { continue }
                if try manifest.listed(candidate)?.matches(measure) == true { continue }
                var found = candidateOrigin
                found.input = nil
                let entry = ManifestEntry(path: candidate, size: measure.size, sha256: measure.sha256, origin: found)
                try manifest.set(entry, source: .entry(entry))
            }
        }
    }

    /// The PNG previews beside a PDF (`registration-1.png` … beside `registration.pdf`).
    private func previews(of path: String, _ origin: FileOrigin) -> [(String, FileOrigin)] {
        guard path.hasSuffix(".pdf") else { return [] }
        let folder = (path as NSString).deletingLastPathComponent
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        var preview = origin
        preview.kind = ArchiveKinds.preview(of: origin.kind)
        return names.filter { name in
            name.hasPrefix(stem + "-") && name.hasSuffix(".png")
                && name.dropFirst(stem.count + 1).dropLast(4).allSatisfy(\.isNumber)
        }.map { (folder + "/" + $0, preview) }
    }

    private func commit() throws(ArchiveError) {
        // The run's files reach the disk before the manifest that lists them (one flush for the run,
        // not one per file), so after a power cut the manifest never claims a file the disk lost.
        do {
            try AtomicFile.flushFileSystem(of: root)
            try manifest.write(to: root.appendingPathComponent(ArchivePath.manifest))
        } catch {
            throw ArchiveError("归档清单 \(root.appendingPathComponent(ArchivePath.manifest).path) 未能写入（\(error.reason)）："
                               + "已写入的文件记在 \(ArchivePath.journal) 中，下次运行或 cedocs archive check 时补记")
        }
        unlink(journalURL.path)
    }
}

/// The kinds of files the manifest names.
public enum ArchiveKinds {
    /// The kind of a page's PNG preview beside a document of `kind`.
    public static func preview(of kind: String) -> String { "\(kind)-preview" }
}
