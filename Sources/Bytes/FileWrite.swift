#if canImport(Glibc)
import Glibc
#endif

/// Writing to an open file, which may take fewer bytes than given (a pipe, a signal) or fail with
/// EINTR: every caller goes on until all is written. Foundation's `FileHandle.write` traps on a
/// failed write instead (a full disk, a reader gone).
public enum FileWrite {
    /// Writes every byte of `buffer`; the `errno` of a failed write, nil when all was written.
    public static func all(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
