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
        let encoder = entryEncoder
        var out = Data()
        // Encoding plain strings and numbers cannot fail.
        encode(count: entries.count, entry: { try! encoder.encode(entries[$0]) }) { out += $0 }
        return out
    }

    /// How an entry's line is encoded, here and in the journal (so a journal line can be copied).
    static var entryEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static let header = Data("{\"schema\":\"\(schema)\",\"files\":[\n".utf8)
    static let footer = Data("]}\n".utf8)

    /// The manifest's JSON from `count` entries' JSON in path order, in pieces of about 64 KB, each
    /// handed to `write`: a city's archive lists hundreds of thousands of files.
    static func encode<Failure: Error>(count: Int, entry: (Int) throws(Failure) -> Data,
                                       _ write: (Data) throws(Failure) -> Void) throws(Failure) {
        var out = header
        for index in 0..<count {
            out += try entry(index)
            out += Data((index + 1 < count ? ",\n" : "\n").utf8)
            if out.count >= 1 << 16 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out += footer
        try write(out)
    }
}
