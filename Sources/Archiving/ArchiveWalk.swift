import Foundation

/// Every file under an archive's root, relative and "/"-separated, without following symbolic
/// links (a link is listed as a file, so it shows up as unlisted rather than leading elsewhere).
enum ArchiveWalk {
    static func files(under root: URL, _ visit: (String) -> Void) {
        walk(root.path, prefix: "", visit)
    }

    private static func walk(_ folder: String, prefix: String, _ visit: (String) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() {
            let full = folder + "/" + name
            let relative = prefix + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(full, prefix: relative + "/", visit)
            } else {
                visit(relative)
            }
        }
    }

    /// A named temporary file left by a killed writer (`AtomicFile`'s fallback).
    static func isTemporary(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        return name.hasPrefix(AtomicFile.temporaryPrefix) && name.hasSuffix(AtomicFile.temporarySuffix)
    }
}
