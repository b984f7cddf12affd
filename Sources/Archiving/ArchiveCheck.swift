import Foundation

/// `cedocs archive check` (归档核查): every file the manifest lists is read and compared with its size
/// and SHA-256, and its end checked for a whole document; files on disk that it does not list are
/// named too.
public struct ArchiveCheck: Sendable {
    /// Listed, not on disk.
    public var missing: [ManifestEntry] = []
    /// Listed, on disk with other bytes.
    public var altered: [ManifestEntry] = []
    /// Listed, on disk but not a whole document (不完整): cut short, as a full disk leaves a file
    /// written in place; one found after an interrupted run is listed as found, so it may match.
    public var incomplete: [ManifestEntry] = []
    /// On disk, not listed (bookkeeping — the manifest, reports, samples — aside).
    public var unlisted: [String] = []
    /// Files found as listed.
    public var intact = 0

    public var isClean: Bool { missing.isEmpty && altered.isEmpty && incomplete.isEmpty && unlisted.isEmpty }

    public init(_ store: ArchiveStore) throws(ArchiveError) {
        let entries = try store.entries()
        for entry in entries {
            guard let measure = FileDigest.measure(store.url(entry.path)) else {
                missing.append(entry)
                continue
            }
            if !FileEnding.isComplete(store.url(entry.path)) {
                incomplete.append(entry)
            } else if entry.matches(measure) {
                intact += 1
            } else {
                altered.append(entry)
            }
        }
        let listed = Set(entries.map(\.path))
        ArchiveWalk.files(under: store.root) { path in
            if !listed.contains(path) && !ArchivePath.isBookkeeping(path) { unlisted.append(path) }
        }
    }
}
