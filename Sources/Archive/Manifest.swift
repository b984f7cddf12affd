import Foundation

/// `manifest.json` (归档清单): every document file of the archive with its size, SHA-256 and origin,
/// sorted by path. Rewritten whole and atomically; between two rewrites the journal holds the changes.
public struct Manifest: Sendable {
    public static let schema = "cedocs/manifest/1"

    /// By path.
    public var entries: [String: ManifestEntry] = [:]

    public init(entries: [ManifestEntry] = []) {
        for entry in entries { self.entries[entry.path] = entry }
    }

    public var sorted: [ManifestEntry] { entries.values.sorted { $0.path < $1.path } }

    struct File: Codable {
        var schema: String
        var files: [ManifestEntry]
    }

    /// An archive without a manifest yet is empty; a manifest that is not ours, or lists a path
    /// leaving the archive, is refused.
    public static func read(_ url: URL) throws(ArchiveError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            guard FileManager.default.fileExists(atPath: url.path) else { return Manifest() }
            throw ArchiveError("无法读取归档清单 \(url.path)")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw ArchiveError("归档清单 \(url.path) 已损坏，不是 cedocs 的清单（\(error.localizedDescription)）")
        }
        guard file.schema == schema else {
            throw ArchiveError("归档清单 \(url.path) 的格式 \(file.schema) 不是 \(schema)")
        }
        if let bad = file.files.first(where: { !ArchivePath.isSafe($0.path) }) {
            throw ArchiveError("归档清单 \(url.path) 中的路径“\(bad.path)”指向归档目录之外，清单被改动过")
        }
        return Manifest(entries: file.files)
    }

    /// The manifest's JSON: one entry per line, so a diff of two manifests reads line by line.
    public static func encode(_ entries: [ManifestEntry]) -> Data {
        var out = Data()
        encode(entries) { out += $0 }
        return out
    }

    /// The same JSON in pieces of about 64 KB, each handed to `write`: a city's archive lists
    /// hundreds of thousands of files, and its manifest need not sit in memory twice more.
    static func encode<Failure: Error>(_ entries: [ManifestEntry], _ write: (Data) throws(Failure) -> Void) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data("{\"schema\":\"\(schema)\",\"files\":[\n".utf8)
        for (index, entry) in entries.enumerated() {
            // Encoding plain strings and numbers cannot fail.
            out += try! encoder.encode(entry)
            out += Data((index + 1 < entries.count ? ",\n" : "\n").utf8)
            if out.count >= 1 << 16 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += Data("]}\n".utf8)
        try write(out)
    }

    public func write(to url: URL) throws(AtomicFile.WriteError) {
        try AtomicFile.write(to: url) { fd throws(AtomicFile.WriteError) in
            try Self.encode(sorted) { piece throws(AtomicFile.WriteError) in
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
}
