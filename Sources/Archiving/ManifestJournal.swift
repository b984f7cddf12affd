import Foundation

/// `manifest.journal` (清单日志): what a run is doing, appended line by line while it runs.
///
/// Before a file is written, an *intent* names its path and origin; after it is renamed into
/// place, *done* gives its size and SHA-256; before a file the run no longer makes is deleted,
/// *removed* names it. The manifest plus the journal replayed always describe the disk: a done entry
/// is the file as written; an intent without its done is settled by looking at the disk
/// (`ArchiveStore.settle`); a removal is carried out again. A line cut short by a kill is ignored.
struct ManifestJournal {
    enum Line: Codable {
        case intent(path: String, origin: FileOrigin)
        case done(ManifestEntry)
        case removed(path: String)
    }

    private let fd: Int32
    let url: URL

    /// Opens (creating) the journal for appending.
    init(url: URL) throws(ArchiveError) {
        self.url = url
        fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ArchiveError("无法写入归档日志 \(url.path)：\(AtomicFile.WriteError(path: url.path, errno: errno).reason)")
        }
    }

    func close() { _ = Foundation.close(fd) }

    /// A line as it is appended: encoded before the store takes its lock, so that a run's threads
    /// encode their lines side by side and only the append is one at a time.
    struct Encoded {
        fileprivate var bytes: [UInt8]
        /// Where the entry's own JSON is within the line (a done line's).
        fileprivate var entry: Range<Int>
    }

    /// The intent to write `path`.
    static func intent(path: String, origin: FileOrigin) -> Encoded { encoded(.intent(path: path, origin: origin)) }

    /// That the file at `path` is to be deleted and unlisted.
    static func removed(path: String) -> Encoded { encoded(.removed(path: path)) }

    /// A line without an entry to copy into the manifest.
    private static func encoded(_ line: Line) -> Encoded {
        // Encoding plain strings and numbers cannot fail.
        Encoded(bytes: Array(try! Manifest.entryEncoder.encode(line)), entry: 0..<0)
    }

    /// That `entry` is done: `Line.done` as Codable writes it, built around the entry's own JSON so
    /// that its place is known.
    static func done(_ entry: ManifestEntry) -> Encoded {
        let json = Array(try! Manifest.entryEncoder.encode(entry))
        let prefix = Array("{\"done\":{\"_0\":".utf8)
        return Encoded(bytes: prefix + json + Array("}}".utf8), entry: prefix.count..<prefix.count + json.count)
    }

    /// Appends `line`; where its entry's JSON now is in the journal, to be copied into the manifest.
    @discardableResult
    func append(_ line: Encoded) throws(AtomicFile.WriteError) -> Range<Int> {
        let start = try append(line.bytes)
        return start + line.entry.lowerBound..<start + line.entry.upperBound
    }

    /// Appends one line, a failed append cut back off so the next line starts clean; the line's
    /// offset. Once `write` returns, the line is in the kernel and survives the process being
    /// killed; it is not flushed to the device (an fdatasync per file doubled a batch's time: 3.6 ms
    /// each here). After a power cut the worst is a renamed file without its intent: `archive check`
    /// reports it altered and the next run, finding it not current, writes it again.
    private func append(_ line: [UInt8]) throws(AtomicFile.WriteError) -> Int {
        let bytes = line + [UInt8(ascii: "\n")]
        let start = lseek(fd, 0, SEEK_END)
        guard start >= 0 else { throw AtomicFile.WriteError(path: url.path, errno: errno) }
        do throws(AtomicFile.WriteError) {
            var failure: AtomicFile.WriteError?
            bytes.withUnsafeBytes { buffer in
                do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(buffer, to: fd, path: url.path) } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        } catch {
            _ = ftruncate(fd, start)
            throw error
        }
        return Int(start)
    }

    /// The lines of an existing journal, in order; unreadable lines (cut short) are skipped.
    static func read(_ url: URL) -> [Line] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Line.self, from: Data($0)) }
    }
}
