import Foundation

/// `cedocs archive check` (归档核查): every file the manifest lists is read and compared with its size
/// and SHA-256; files on disk that it does not list are named too.
public struct ArchiveCheck: Sendable {
    /// Listed, not on disk.
    public var missing: [ManifestEntry] = []
    /// Listed, on disk with other bytes.
    public var altered: [ManifestEntry] = []
    /// On disk, not listed (bookkeeping — the manifest, reports, samples — aside).
    public var unlisted: [String] = []
    /// Files found as listed.
    public var intact = 0

    public var isClean: Bool { missing.isEmpty && altered.isEmpty && unlisted.isEmpty }

    public init(_ store: ArchiveStore) {
        let entries = store.entries
        for entry in entries {
            guard let measure = FileDigest.measure(store.url(entry.path)) else {
                missing.append(entry)
                continue
            }
            if entry.matches(measure) { intact += 1 } else { altered.append(entry) }
        }
        let listed = Set(entries.map(\.path))
        ArchiveWalk.files(under: store.root) { path in
            if !listed.contains(path) && !ArchivePath.isBookkeeping(path) { unlisted.append(path) }
        }
    }
}
