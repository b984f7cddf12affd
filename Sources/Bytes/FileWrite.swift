#if canImport(Glibc)
import Glibc
#endif

/// Writing to an open file, which may take fewer bytes than given (a pipe, a signal) or fail with
/// EINTR: every caller goes on until all is written. Foundation's `FileHandle.write` traps on a
/// failed write instead (a full disk, a reader gone).
public enum FileWrite {
    /// Writes every byte of `buffer`, at the file's position or, with `position`, at that offset
    /// (`pwrite`, so that threads may write one file side by side); the `errno` of a failed write,
    /// nil when all was written.
    public static func all(_ buffer: UnsafeRawBufferPointer, to fd: Int32, at position: Int? = nil) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let start = buffer.baseAddress! + offset, count = buffer.count - offset
            let n = position.map { pwrite(fd, start, count, off_t($0 + offset)) } ?? write(fd, start, count)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
