import Bytes
import Crypto
import Foundation

/// SHA-256 (lower-case hex) and size of a file's bytes, read in pieces so that a large print job
/// never sits in memory whole.
public enum FileDigest {
    public struct Measure: Sendable, Equatable {
        public var size: Int
        public var sha256: String

        public init(size: Int, sha256: String) {
            self.size = size
            self.sha256 = sha256
        }
    }

    /// Nil when the file cannot be read (missing, a folder, no permission).
    public static func measure(_ url: URL) -> Measure? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var running = Running()
        let read = FileRead.pieces(of: fd) { piece in
            running.update(piece)
            return true
        }
        guard read != nil else { return nil }
        return running.finish()
    }

    /// The measure of bytes as they pass (a PDF as it is written), so that a file just written is
    /// not read again to be recorded.
    public struct Running {
        private var hasher = SHA256()
        private var size = 0

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
            size += bytes.count
        }

        public func finish() -> Measure { Measure(size: size, sha256: Hex.lower(hasher.finalize())) }
    }

    public static func sha256(_ bytes: some DataProtocol) -> String { Hex.lower(SHA256.hash(data: bytes)) }
}
