import Foundation

/// `manifest.journal` (清单日志): what a run is doing, appended line by line while it runs.
///
/// Before a file is written, an *intent* names its path and origin; after it is renamed into
/// place, *done* gives its size and SHA-256. The manifest plus the journal replayed always describe
/// the disk: a done entry is the file as written; an intent without its done is settled by looking
/// at the disk (`ArchiveStore.settle`). A line cut short by a kill is ignored.
struct ManifestJournal {
    enum Line: Codable {
        case intent(path: String, origin: FileOrigin)
        case done(ManifestEntry)
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

    /// Appends one line, a failed append cut back off so the next line starts clean. Once `write`
    /// returns, the line is in the kernel and survives the process being killed; it is not flushed
    /// to the device (an fdatasync per file doubled a batch's time: 3.6 ms each here). After a power
    /// cut the worst is a renamed file without its intent: `archive check` reports it altered and
    /// the next run, finding it not current, writes it again.
    func append(_ line: Line) throws(AtomicFile.WriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try! encoder.encode(line))
        bytes.append(UInt8(ascii: "\n"))
        let start = lseek(fd, 0, SEEK_END)
        do throws(AtomicFile.WriteError) {
            var failure: AtomicFile.WriteError?
            bytes.withUnsafeBytes { buffer in
                do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(buffer, to: fd, path: url.path) } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        } catch {
            if start >= 0 { _ = ftruncate(fd, start) }
            throw error
        }
    }

    /// The lines of an existing journal, in order; unreadable lines (cut short) are skipped.
    static func read(_ url: URL) -> [Line] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Line.self, from: Data($0)) }
    }
}
