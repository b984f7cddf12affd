import Bytes
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// The manifest as an open archive keeps it: per path only what decides whether a file is current
/// (its size, SHA-256 and input digest, as 32-byte values) and where its full entry is written — a
/// line of `manifest.json` as it was opened, a line of this run's journal, or, for entries settled
/// by recovery, the entry itself.
///
/// Kept on disk, in a scratch SQLite database at the archive's root (`ArchivePath.index`), not in
/// memory: a city's archive lists hundreds of thousands of files and a batch adds tens of thousands,
/// and a run's memory must not follow the number of people (issue 18). The database is the run's
/// alone (the archive's lock is held), written without a journal or syncs, since nothing in it
/// outlives the run: it is removed at the end, and one left by a killed run is removed at the next
/// opening, which rebuilds it from `manifest.json` and the journal.
final class ManifestIndex {
    /// A SHA-256 in 32 bytes. Text that is not one (an input digest written by hand) is reduced to
    /// its own SHA-256: equal texts stay equal, different ones different.
    struct Digest: Equatable {
        let bytes: Data

        init(_ text: String) {
            // Lower case only, as cedocs writes digests: an upper-case text is another text.
            let upperCase = text.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }
            if !upperCase, let bytes = Hex.bytes(text), bytes.count == 32 {
                self.bytes = Data(bytes)
            } else {
                bytes = Data(SHA256.hash(data: Array(text.utf8)))
            }
        }

        init(bytes: Data) { self.bytes = bytes }
    }

    /// Where an entry's JSON is.
    enum Source {
        /// Bytes of `manifest.json` as it was opened.
        case manifest(Range<Int>)
        /// Bytes of this run's journal.
        case journal(Range<Int>)
        case entry(ManifestEntry)
    }

    private let database: DatabaseQueue
    private let url: URL
    /// `manifest.json` as opened, and the run's journal: read for the entries listed from them.
    private let manifestFile: ReadOnlyFile?
    var journalFile: ReadOnlyFile?

    /// Indexes `manifest.json` into a new index at `index` (replacing one a killed run left); a
    /// missing manifest is an empty archive. A manifest not in the one-entry-per-line form cedocs
    /// writes (edited by hand) is read whole instead, with its checks.
    init(manifest: URL, index: URL) throws(ArchiveError) {
        url = index
        unlink(index.path)
        var configuration = Configuration()
        configuration.label = "manifest-index"
        configuration.prepareDatabase { db in
            // A page cache of 512 KiB, not SQLite's 2 MB: lookups touch the pages of recent paths, and
            // the kernel keeps the rest of the file at hand anyway.
            try db.execute(sql: """
                PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                PRAGMA cache_size = -512
                """)
        }
        do {
            database = try DatabaseQueue(path: index.path, configuration: configuration)
            try Self.access(database, index) { db in
                try db.execute(sql: """
                    CREATE TABLE listed (
                        path TEXT PRIMARY KEY NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 BLOB NOT NULL,
                        input BLOB,
                        stamped INTEGER NOT NULL,
                        place INTEGER NOT NULL,  -- 0: manifest.json, 1: the journal (bytes start..<end); 2: json
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        json BLOB
                    ) WITHOUT ROWID
                    """)
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw Self.failure(index, reason: (error as? DatabaseError)?.message ?? "\(error)")
        }
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            manifestFile = nil
            return
        }
        let file = ReadOnlyFile(manifest)
        if let file, try Self.readLines(file, into: database, index: index) {
            manifestFile = file
            return
        }
        manifestFile = nil
        try Self.access(database, index) { db in try db.execute(sql: "DELETE FROM listed") }
        for entry in try Manifest.read(manifest).entries.values { try set(entry, source: .entry(entry)) }
    }

    /// Set once the file is removed: a store closed but still referenced must not remove the index
    /// that the next opening made under the same name.
    private var removed = false

    /// The index ends with the store that opened it, closed or not.
    deinit { remove() }

    /// Closes the index and removes its file, once.
    func remove() {
        guard !removed else { return }
        removed = true
        try? database.close()
        unlink(url.path)
    }

    /// Each line of a manifest cedocs wrote, indexed; false when the file is not in that form.
    private static func readLines(_ file: ReadOnlyFile, into database: DatabaseQueue, index: URL) throws(ArchiveError) -> Bool {
        let decoder = JSONDecoder()
        return try access(database, index) { db in
            var sawHeader = false
            var sawFooter = false
            var failure: Error?
            // One transaction while the manifest is read: each page of the index is written once,
            // not again at every line.
            try db.execute(sql: "BEGIN")
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
                      ArchivePath.isSafe(entry.path) else { return false }
                do {
                    // A path listed twice is not a manifest cedocs wrote.
                    try Self.insert(entry, source: .manifest(range.dropLast(comma)), replacing: false, in: db)
                    return db.changesCount == 1
                } catch {
                    failure = error
                    return false
                }
            }
            try db.execute(sql: "COMMIT")
            if let failure { throw failure }
            return complete && sawFooter
        }
    }

    func set(_ entry: ManifestEntry, source: Source) throws(ArchiveError) {
        try access { db in try Self.insert(entry, source: source, replacing: true, in: db) }
    }

    /// Unlists `path` (nothing when it is not listed).
    func delete(_ path: String) throws(ArchiveError) {
        try access { db in try db.execute(sql: "DELETE FROM listed WHERE path = ?", arguments: [path]) }
    }

    private static func insert(_ entry: ManifestEntry, source: Source, replacing: Bool, in db: Database) throws {
        let (place, range, json): (Int, Range<Int>, Data?) = switch source {
        case .manifest(let range): (0, range, nil)
        case .journal(let range): (1, range, nil)
        // Encoding plain strings and numbers cannot fail.
        case .entry(let entry): (2, 0..<0, try! Manifest.entryEncoder.encode(entry))
        }
        let statement = try db.cachedStatement(sql: replacing
            ? "INSERT OR REPLACE INTO listed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            : "INSERT OR IGNORE INTO listed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [entry.path, entry.size, Digest(entry.sha256).bytes,
                                          entry.origin.input.map { Digest($0).bytes }, entry.origin.stamp != nil,
                                          place, range.lowerBound, range.upperBound, json])
    }

    /// Where a listed entry's JSON is, as the index stores it.
    fileprivate enum Place {
        case manifest(Range<Int>)
        case journal(Range<Int>)
        case json(Data)

        /// Nil for a row this index did not write.
        init?(_ row: Row) {
            let start: Int = row["start"], end: Int = row["end"]
            switch row["place"] as Int {
            case 0: self = .manifest(start..<end)
            case 1: self = .journal(start..<end)
            default:
                guard let json: Data = row["json"] else { return nil }
                self = .json(json)
            }
        }
    }

    /// What the index holds of the file listed at a path.
    struct Listed {
        var size: Int
        var sha256: Digest
        var input: Digest?
        var stamped: Bool
        fileprivate var place: Place?

        /// Whether the file was made from `input` (as `ManifestEntry.origin.input` says).
        func isMade(from input: String) -> Bool { self.input == Digest(input) }

        /// Whether `measure` is this file, unaltered.
        func matches(_ measure: FileDigest.Measure) -> Bool { size == measure.size && sha256 == Digest(measure.sha256) }

        init(_ row: Row) {
            size = row["size"]
            sha256 = Digest(bytes: row["sha256"])
            input = (row["input"] as Data?).map(Digest.init(bytes:))
            stamped = row["stamped"]
            place = Place(row)
        }
    }

    /// What the index holds of `path`; nil when it is not listed.
    func listed(_ path: String) throws(ArchiveError) -> Listed? {
        try access { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM listed WHERE path = ?"), arguments: [path]).map(Listed.init) }
    }

    /// The listed paths that start with `prefix`.
    func paths(under prefix: String) throws(ArchiveError) -> [String] {
        try access { db in
            try String.fetchAll(db, sql: "SELECT path FROM listed WHERE substr(path, 1, length(?1)) = ?1 ORDER BY path",
                                arguments: [prefix])
        }
    }

    /// The agency's stamp on the file listed at `path`, if it has one.
    func stamp(_ path: String) throws(ArchiveError) -> StampMark? {
        guard let file = try listed(path), file.stamped else { return nil }
        return entry(file)?.origin.stamp
    }

    func entry(_ path: String) throws(ArchiveError) -> ManifestEntry? {
        guard let file = try listed(path) else { return nil }
        return entry(file)
    }

    private func entry(_ file: Listed) -> ManifestEntry? {
        guard let place = file.place else { return nil }
        return try? JSONDecoder().decode(ManifestEntry.self, from: json(place))
    }

    /// Every entry, sorted by path (for check, export and the spot check, which read them all).
    func sorted() throws(ArchiveError) -> [ManifestEntry] {
        let decoder = JSONDecoder()
        return try access { db in
            var entries: [ManifestEntry] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT place, start, \"end\", json FROM listed ORDER BY path")
            while let row = try rows.next() {
                guard let place = Place(row), let entry = try? decoder.decode(ManifestEntry.self, from: json(place)) else { continue }
                entries.append(entry)
            }
            return entries
        }
    }

    /// Writes `manifest.json` anew, each entry copied from where it is, in path order.
    func write(to target: URL) throws(AtomicFile.WriteError) {
        do {
            try database.inDatabase { db in
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM listed") ?? 0
                let rows = try Row.fetchCursor(db, sql: "SELECT place, start, \"end\", json FROM listed ORDER BY path")
                try AtomicFile.write(to: target) { fd throws(AtomicFile.WriteError) in
                    try Manifest.encode(count: count, entry: { _ throws(AtomicFile.WriteError) in
                        guard let row = try? rows.next(), let place = Place(row) else {
                            throw AtomicFile.WriteError(path: url.path, reason: "归档索引无法读取")
                        }
                        return try json(place)
                    }) { piece throws(AtomicFile.WriteError) in
                        var failure: AtomicFile.WriteError?
                        piece.withUnsafeBytes { bytes in
                            do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(bytes, to: fd, path: target.path) } catch {
                                failure = error
                            }
                        }
                        if let failure { throw failure }
                    }
                }
            }
        } catch let error as AtomicFile.WriteError {
            throw error
        } catch {
            throw AtomicFile.WriteError(path: url.path, reason: "归档索引无法读取（\(error)）")
        }
    }

    private func json(_ place: Place) throws(AtomicFile.WriteError) -> Data {
        switch place {
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
        case .json(let json):
            return json
        }
    }

    private func access<T>(_ body: (Database) throws -> T) throws(ArchiveError) -> T {
        try Self.access(database, url, body)
    }

    private static func access<T>(_ database: DatabaseQueue, _ index: URL, _ body: (Database) throws -> T) throws(ArchiveError) -> T {
        var reason = ""
        do {
            return try database.inDatabase { db in
                do { return try body(db) } catch {
                    // In the clerk's words: SQLite calls a full quota an I/O error, so the system's errno
                    // decides when it kept one.
                    let code = sqlite3_system_errno(db.sqliteConnection)
                    let message = (error as? DatabaseError)?.message ?? "\(error)"
                    switch (error as? DatabaseError)?.resultCode.primaryResultCode {
                    case .SQLITE_FULL?: reason = AtomicFile.WriteError.reason(errno: ENOSPC)
                    case .SQLITE_IOERR? where code != 0: reason = AtomicFile.WriteError.reason(errno: code)
                    case .SQLITE_IOERR?: reason = "写入失败（\(message)）"
                    default: reason = message
                    }
                    throw error
                }
            }
        } catch {
            throw failure(index, reason: reason)
        }
    }

    private static func failure(_ index: URL, reason: String) -> ArchiveError {
        ArchiveError("无法读写归档索引 \(index.path)（本次运行的临时文件）：\(reason)")
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
