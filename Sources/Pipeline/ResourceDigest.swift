import Archiving
import Foundation

/// The SHA-256 of cedocs' data folders, file by file: what InputDigest counts of `fonts/`, and what
/// `cedocs --version` shows of `fonts/` and `templates/` together, so that anyone can tell which forms
/// and faces made a file.
public enum ResourceDigest {
    /// Each readable file under `folder`, by its path inside it, in the order of those paths.
    static func files(under folder: URL) -> [(path: String, sha256: String)] {
        let folder = folder.standardizedFileURL
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
        return paths.compactMap { path in
            FileDigest.measure(folder.appendingPathComponent(path)).map { (path, $0.sha256) }
        }
    }

    /// One digest of every file under `fonts/` and `templates/`: their contents and names, not where they are.
    public static func of(_ resources: Resources) -> String {
        let lines = [("fonts", resources.fonts), ("templates", resources.templates)].flatMap { name, folder in
            files(under: folder).map { "\(name)/\($0.path) \($0.sha256)" }
        }
        return FileDigest.sha256(Data(lines.joined(separator: "\n").utf8))
    }
}
