import Bytes
import Crypto
import Foundation

/// The manifest as an open archive keeps it in memory: per path only what decides whether a file is
/// current (its size, SHA-256 and input digest, as 32-byte values) and where its full entry is
/// written — a line of `manifest.json` as it was opened, a line of this run's journal, or, for
/// entries settled by recovery, the entry itself. A city's archive lists hundreds of thousands of
/// files and a batch adds tens of thousands: about 200 bytes each instead of a kilobyte, and a
/// run's memory does not follow the number of people.
struct ManifestIndex {
    /// A SHA-256 in 32 bytes. Text that is not one (an input digest written by hand) is reduced to
    /// its own SHA-256: equal texts stay equal, different ones different.
    struct Digest: Equatable {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        init(_ text: String) {
            // Lower case only, as cedocs writes digests: an upper-case text is another text.
            let upperCase = text.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }
            if !upperCase, let bytes = Hex.bytes(text), bytes.count == 32 {
                words = Self.words(bytes)
            } else {
                words = Self.words(Array(SHA256.hash(data: Array(text.utf8))))
            }
        }

        private static func words(_ bytes: [UInt8]) -> (UInt64, UInt64, UInt64, UInt64) {
            let words = (0..<4).map { word in bytes[word * 8..<word * 8 + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
            return (words[0], words[1], words[2], words[3])
        }

        static func == (a: Digest, b: Digest) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
        }
    }

    /// Where an entry's JSON is.
    enum Source {
        /// Bytes of `manifest.json` as it was opened.
        case manifest(Range<Int>)
        /// Bytes of this run's journal.
        case journal(Range<Int>)
        indirect case entry(ManifestEntry)
    }

    struct Listed {
        var size: Int
        var sha256: Digest
        var input: Digest?
        /// An agency stamped the file (its entry has a `stamp`).
        var stamped: Bool
        var source: Source
    }

    private var listed: [String: Listed] = [:]
    /// `manifest.json` as opened, and the run's journal: read for the entries listed from them.
    private let manifestFile: ReadOnlyFile?
    var journalFile: ReadOnlyFile?

    var count: Int { listed.count }

    /// Indexes `manifest.json`; a missing one is an empty archive. A manifest not in the one-entry-
    /// per-line form cedocs writes (edited by hand) is read whole instead, with its checks.
    init(manifest url: URL) throws(ArchiveError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            manifestFile = nil
            return
        }
        let file = ReadOnlyFile(url)
        var listed: [String: Listed] = [:]
        if let file, Self.readLines(file, into: &listed) {
            self.listed = listed
            manifestFile = file
            return
        }
        manifestFile = nil
        for entry in try Manifest.read(url).entries.values { set(entry, source: .entry(entry)) }
    }

    /// Each line of a manifest cedocs wrote, indexed; false when the file is not in that form.
    private static func readLines(_ file: ReadOnlyFile, into listed: inout [String: Listed]) -> Bool {
        let decoder = JSONDecoder()
        var sawHeader = false
        var sawFooter = false
        let complete = file.lines { line, range in
            guard !sawFooter else { return false }
            guard sawHeader else {
                sawHeader = line.elementsEqual(Manifest.header.dropLast())
                return sawHeader
            }
            if line.elementsEqual(Manifest.footer.dropLast()) {
                sawFooter = true
                return true
            }
            // An entry's line ends with a comma unless it is the last.
            let comma = line.last == UInt8(ascii: ",") ? 1 : 0
            guard let entry = try? decoder.decode(ManifestEntry.self, from: Data(line.dropLast(comma))),
                  ArchivePath.isSafe(entry.path), listed[entry.path] == nil else { return false }
            listed[entry.path] = Listed(entry, source: .manifest(range.dropLast(comma)))
            return true
        }
        return complete && sawFooter
    }

    mutating func set(_ entry: ManifestEntry, source: Source) {
        listed[entry.path] = Listed(entry, source: source)
    }

    func contains(_ path: String) -> Bool { listed[path] != nil }

    /// Whether the file `measure`d at `path` is listed as it is, made from `input`.
    func isCurrent(_ path: String, input: String, measure: FileDigest.Measure) -> Bool {
        guard let file = listed[path], file.input == Digest(input) else { return false }
        return file.size == measure.size && file.sha256 == Digest(measure.sha256)
    }

    /// Whether `measure` is the file listed at `path`, unaltered.
    func matches(_ path: String, _ measure: FileDigest.Measure) -> Bool {
        guard let file = listed[path] else { return false }
        return file.size == measure.size && file.sha256 == Digest(measure.sha256)
    }

    /// The listed paths that start with `prefix`.
    func paths(under prefix: String) -> [String] { listed.keys.filter { $0.hasPrefix(prefix) } }

    /// The agency's stamp on the file listed at `path`, if it has one.
    func stamp(_ path: String) -> StampMark? {
        guard listed[path]?.stamped == true else { return nil }
        return entry(path)?.origin.stamp
    }

    func entry(_ path: String) -> ManifestEntry? {
        guard let file = listed[path], let json = try? json(file.source) else { return nil }
        return try? JSONDecoder().decode(ManifestEntry.self, from: json)
    }

    /// Every entry, sorted by path (for check, export and the spot check, which read them all).
    var sorted: [ManifestEntry] { listed.keys.sorted().compactMap(entry) }

    /// Writes `manifest.json` anew, each entry copied from where it is.
    func write(to url: URL) throws(AtomicFile.WriteError) {
        let paths = listed.keys.sorted()
        try AtomicFile.write(to: url) { fd throws(AtomicFile.WriteError) in
            try Manifest.encode(count: paths.count, entry: { index throws(AtomicFile.WriteError) in
                try json(listed[paths[index]]!.source)
            }) { piece throws(AtomicFile.WriteError) in
                var failure: AtomicFile.WriteError?
                piece.withUnsafeBytes { bytes in
                    do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(bytes, to: fd, path: url.path) } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            }
        }
    }

    private func json(_ source: Source) throws(AtomicFile.WriteError) -> Data {
        switch source {
        case .manifest(let range):
            guard let file = manifestFile, let bytes = file.read(range) else {
                throw AtomicFile.WriteError(path: ArchivePath.manifest, reason: "原清单无法再次读取")
            }
            return bytes
        case .journal(let range):
            guard let file = journalFile, let bytes = file.read(range) else {
                throw AtomicFile.WriteError(path: ArchivePath.journal, reason: "归档日志无法再次读取")
            }
            return bytes
        case .entry(let entry):
            // Encoding plain strings and numbers cannot fail.
            return try! Manifest.entryEncoder.encode(entry)
        }
    }
}

extension ManifestIndex.Listed {
    init(_ entry: ManifestEntry, source: ManifestIndex.Source) {
        self.init(size: entry.size, sha256: .init(entry.sha256), input: entry.origin.input.map(ManifestIndex.Digest.init),
                  stamped: entry.origin.stamp != nil, source: source)
    }
}

/// A file kept open for reading pieces of it later: the manifest as it was when the archive was
/// opened (rewriting it replaces the name, not this file), and the journal.
final class ReadOnlyFile {
    private let fd: Int32

    init?(_ url: URL) {
        fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
    }

    deinit { close(fd) }

    func read(_ range: Range<Int>) -> Data? {
        FileRead.bytes(range, from: fd).map { Data($0) }
    }

    /// Calls `line` with each line (without its LF) and its byte range, until it returns false;
    /// false then, true at the end of the file.
    func lines(_ line: (ArraySlice<UInt8>, Range<Int>) -> Bool) -> Bool {
        var pending: [UInt8] = []
        var start = 0
        var offset = 0
        // A read that fails ends the file as the end of the file would.
        let read = FileRead.pieces(of: fd) { piece in
            for byte in piece {
                if byte == UInt8(ascii: "\n") {
                    guard line(pending[...], start..<start + pending.count) else { return false }
                    pending.removeAll(keepingCapacity: true)
                    start = offset + 1
                } else {
                    pending.append(byte)
                }
                offset += 1
            }
            return true
        }
        if read == false { return false }
        return pending.isEmpty || line(pending[...], start..<start + pending.count)
    }
}
