import Archiving
import Foundation
import TestSupport

/// The `cedocs` binary as a clerk runs it, with this checkout's templates and fonts.
func cedocs(_ arguments: [String]) throws -> CommandResult {
    try Command.run(Repository.executable.path, arguments, environment: cedocsEnvironment)
}

let cedocsEnvironment = Command.cedocsEnvironment

/// Every file under `folder`, relative, hidden ones included.
func files(under folder: URL) -> [String] {
    let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return names.filter { name in
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
        return !isDirectory.boolValue
    }.sorted()
}

/// A PDF written whole: it starts with %PDF- and its last bytes hold %%EOF.
func isCompletePDF(_ url: URL) -> Bool {
    guard let data = FileManager.default.contents(atPath: url.path) else { return false }
    return data.starts(with: Array("%PDF-".utf8)) && String(decoding: data.suffix(16), as: UTF8.self).contains("%%EOF")
}

/// The manifest's entries, as plain JSON objects.
func manifestEntries(_ archive: URL) throws -> [[String: Any]] {
    let data = try Data(contentsOf: archive.appendingPathComponent("manifest.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return object?["files"] as? [[String: Any]] ?? []
}

/// Bytes that end as a whole PDF does, around `text`: a cross-reference where `startxref` points, then
/// `%%EOF`. `archive check` reads the end of every PDF it lists, so the archive's tests store these.
func wholePDF(_ text: String) -> [UInt8] {
    let body = "%PDF-1.5\n% \(text)\n"
    return Array((body + "xref\n0 0\ntrailer\n<< >>\nstartxref\n\(body.utf8.count)\n%%EOF\n").utf8)
}

/// A file written as a run writes it: its intent journaled, the bytes written whole, then recorded.
func record(_ path: String, _ origin: FileOrigin, _ bytes: [UInt8], in store: ArchiveStore) throws {
    try store.willWrite(path, origin)
    try AtomicFile.write(bytes, to: store.url(path))
    try store.didWrite(path, origin)
}
