import Foundation

/// Paths inside an archive, as the manifest writes them: relative, "/"-separated, never leaving the
/// root. A path read from a manifest (which anyone can edit) is checked before it is used.
public enum ArchivePath {
    /// Files and folders at the root that are the archive's own, not documents: the manifest, its
    /// journal, the index of a run, the lock, run reports and spot-check samples.
    public static let manifest = "manifest.json"
    public static let journal = "manifest.journal"
    public static let index = ".manifest-index.sqlite"
    public static let lock = ".cedocs.lock"
    public static let reports = "reports"
    public static let samples = "samples"
    static let reserved: Set<String> = [manifest, journal, index, lock, reports, samples]

    /// True for a relative path of plain components: no "", ".", "..", no absolute path, no NUL.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    /// `url` relative to `root`, when it lies inside it.
    public static func relative(_ url: URL, to root: URL) -> String? {
        relative(url, toRootPath: root.standardizedFileURL.path)
    }

    /// `url` relative to the root whose standardised path is `base` (worked out once for a run's files).
    public static func relative(_ url: URL, toRootPath base: String) -> String? {
        let full = url.standardizedFileURL.path
        guard full.hasPrefix(base + "/") else { return nil }
        let path = String(full.dropFirst(base.count + 1))
        return isSafe(path) ? path : nil
    }

    /// True when the path is the archive's own bookkeeping, not a document.
    public static func isBookkeeping(_ path: String) -> Bool {
        reserved.contains(String(path.prefix { $0 != "/" }))
    }
}
