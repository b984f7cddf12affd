#if canImport(Glibc)
import Glibc
#endif

/// Reading an open file at an offset (`pread`), which may return fewer bytes than asked (a signal,
/// a file system's own limits) or fail with EINTR: every caller goes on until it has what it asked for.
public enum FileRead {
    /// Fills `buffer` from `offset` on, stopping early only at the end of the file. The number of bytes
    /// read; nil when a read fails.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32, at offset: Int) -> Int? {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Exactly the bytes of `range`; nil when the file does not hold them all or cannot be read.
    public static func bytes(_ range: Range<Int>, from fd: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: range.count)
        let n = bytes.withUnsafeMutableBytes { fill($0, from: fd, at: range.lowerBound) }
        return n == range.count ? bytes : nil
    }

    /// Hands `body` the file's bytes from `offset` to its end, a piece of at most `chunk` bytes at a
    /// time, until it returns false. Nil when a read fails; else whether every piece was taken.
    public static func pieces(of fd: Int32, from offset: Int = 0, chunk: Int = 1 << 16,
                              _ body: (UnsafeRawBufferPointer) -> Bool) -> Bool? {
        // Under malloc's mmap threshold (128 KB): a larger buffer costs an mmap and munmap per file.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        var offset = offset
        while true {
            guard let n = fill(buffer, from: fd, at: offset) else { return nil }
            if n == 0 { return true }
            guard body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) else { return false }
            offset += n
        }
    }
}
