import Foundation

/// Writes a file so that readers only ever see the old file or the complete new one: the bytes go to
/// a temporary file in the same folder, are flushed to disk, then renamed over the target.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "无法写入 \(path)：\(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public static func write(_ bytes: [UInt8], to url: URL) throws(WriteError) {
        try write(to: url) { handle throws(WriteError) in
            var failure: WriteError?
            bytes.withUnsafeBytes { buffer in
                do throws(WriteError) { try writeAll(buffer, to: handle, path: url.path) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Streams into a temporary file through `fill`, then renames. On any error the temporary file is
    /// removed and the target is untouched.
    public static func write(to url: URL, _ fill: (Int32) throws(WriteError) -> Void) throws(WriteError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "无法创建目录（\(error.localizedDescription)）")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: temporary.path, reason: String(cString: strerror(errno))) }
        do throws(WriteError) {
            try fill(fd)
            guard fsync(fd) == 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
            close(fd)
            guard rename(temporary.path, url.path) == 0 else {
                throw WriteError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes every byte, naming a full disk as such.
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == ENOSPC ? "磁盘已满" : String(cString: strerror(errno))
                throw WriteError(path: path, reason: reason)
            }
            offset += n
        }
    }
}
