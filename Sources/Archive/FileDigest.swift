import Crypto
import Foundation

/// SHA-256 (lower-case hex) and size of a file's bytes, read in pieces so that a large print job
/// never sits in memory whole.
public enum FileDigest {
    public struct Measure: Sendable, Equatable {
        public var size: Int
        public var sha256: String
    }

    /// Nil when the file cannot be read (missing, a folder, no permission).
    public static func measure(_ url: URL) -> Measure? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var running = Running()
        // Under malloc's mmap threshold (128 KB): a larger buffer costs an mmap and munmap per file.
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            running.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
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

        public func finish() -> Measure { Measure(size: size, sha256: FileDigest.hex(hasher.finalize())) }
    }

    public static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
