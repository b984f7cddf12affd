import Archiving
import Registry
import Stamping

/// `cedocs archive check --agency`: every file of the archive that the agency stamped, as it is on
/// disk, against the agency's registry — the file's SHA-256 must be registered under the serial the
/// manifest records for it, and that result must still be in force. Without a registry, the manifest's
/// SHA-256 of each stamped file is what `ArchiveCheck` compares (the archive keeps no registry of its own).
public struct StampedFileCheck {
    public struct Mismatch: Sendable {
        public var path: String
        public var message: String
    }

    /// Stamped files of this agency found on disk.
    public var checked = 0
    public var matching = 0
    public var mismatches: [Mismatch] = []

    /// Throws `ArchiveError` when the manifest's index cannot be read, `RegistryError` when the registry cannot.
    public init(_ store: ArchiveStore, registry: any Registry, agency: String) throws {
        for entry in try store.entries() {
            guard let stamp = entry.origin.stamp, Serial(stamp.serial)?.agency == agency,
                  let measure = FileDigest.measure(store.url(entry.path)) else { continue }
            checked += 1
            let message: String
            if let (issued, _) = try registry.issued(documentSHA256: measure.sha256) {
                if issued.serial.description != stamp.serial {
                    message = "登记库中这份文件属于审验编号 \(issued.serial)，不是清单记载的 \(stamp.serial)"
                } else if let newer = issued.supersededBy {
                    message = "审验编号 \(stamp.serial) 已作废（由 \(newer) 取代），文件须由审验机构重新盖章后替换"
                } else {
                    matching += 1
                    continue
                }
            } else {
                message = "登记库中没有这份文件：它不是审验机构以审验编号 \(stamp.serial) 出具的文件"
            }
            mismatches.append(Mismatch(path: entry.path, message: message))
        }
    }
}
