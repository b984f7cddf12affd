import Bytes
import CLinuxFiles
import Foundation
import Synchronization

/// A file without a name in a folder, for what a run would otherwise hold in memory until it ends:
/// records are appended, read back by the range `append` returned, and the file is gone once closed
/// or once the process dies (Linux `O_TMPFILE`; where the file system has none, a named file removed
/// at once). It lives beside the run's output, on a disk, not in `/tmp`, which may be memory (tmpfs).
/// Any thread may append and read.
public final class ScratchFile: Sendable {
    private let fd: Int32
    private let end = Mutex(0)
    /// Where it was made, as errors name it.
    private let folder: String

    public init(in folder: URL) throws(AtomicFile.WriteError) {
        try AtomicFile.makeFolder(folder)
        self.folder = folder.path
        var fd = open(folder.path, cedocs_o_tmpfile | O_RDWR | O_CLOEXEC, 0o600)
        if fd < 0 {
            let named = folder.appendingPathComponent("\(AtomicFile.temporaryPrefix)scratch.\(getpid()).\(UInt64.random(in: 0...UInt64.max))\(AtomicFile.temporarySuffix)")
            fd = open(named.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { unlink(named.path) }
        }
        guard fd >= 0 else { throw AtomicFile.WriteError(path: folder.path, errno: errno) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes `bytes` after everything appended so far; where they are.
    public func append(_ bytes: [UInt8]) throws(AtomicFile.WriteError) -> Range<Int> {
        // The range is taken first, so that threads write side by side; the file is unnamed, so a
        // range left short by a failed write is never read (its record is not kept).
        let start = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        if let code = bytes.withUnsafeBytes({ FileWrite.all($0, to: fd, at: start) }) {
            throw AtomicFile.WriteError(path: "\(folder) 中的暂存文件", errno: code)
        }
        return start..<start + bytes.count
    }

    /// The bytes `append` wrote at `range`; nil when they cannot be read back.
    public func read(_ range: Range<Int>) -> [UInt8]? { FileRead.bytes(range, from: fd) }
}
