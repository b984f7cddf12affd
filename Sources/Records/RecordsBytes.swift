import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one records file, kept out of memory: a city's unit can list tens of thousands of
/// people, and memory must not grow with them.
///
/// A file is mapped read-only and parsed once from start to end, handing each page back
/// (`MADV_DONTNEED`) once it has been read; a person is read again later with `pread`, a few KB at a
/// time. An HTTP request body is already in memory and is simply kept.
///
/// Reading a person again (rather than keeping every person decoded) means an edit to the file in
/// the middle of a run is noticed: the bytes no longer decode to a valid person, and that person is
/// reported (`RecordsChangedError`). A file replaced by a new one (how editors save) does not matter:
/// the open descriptor still reads the old one.
public final class RecordsBytes: @unchecked Sendable {
    // @unchecked: nothing is mutated after init; the mapping is read-only, and a page handed back is
    // loaded again from the file if it is read once more (see `release`).
    public let fileName: String
    /// The whole file. Only valid while this object lives.
    let buffer: UnsafeBufferPointer<UInt8>
    private let storage: Storage

    private enum Storage {
        case mapped(descriptor: Int32)
        case memory
    }

    /// Maps a regular file, or reads anything else (a pipe, an empty file) into memory.
    init(contentsOf url: URL, fileName: String) throws(RecordsFileError) {
        self.fileName = fileName
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .file(fileName, "无法读取文件 \(url.path)（可能没有读取权限）")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
           let base = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED {
            buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: Int(status.st_size))
            storage = .mapped(descriptor: descriptor)
            return
        }
        close(descriptor)
        guard let data = try? Data(contentsOf: url) else {
            throw .file(fileName, "无法读取文件 \(url.path)（可能没有读取权限）")
        }
        (buffer, storage) = (Self.copy(data), .memory)
    }

    /// Bytes already in memory (an HTTP request body).
    public init(_ data: Data, fileName: String) {
        self.fileName = fileName
        (buffer, storage) = (Self.copy(data), .memory)
    }

    private static func copy(_ data: Data) -> UnsafeBufferPointer<UInt8> {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = copy.initialize(from: data)
        return UnsafeBufferPointer(rebasing: copy[0..<data.count])
    }

    deinit {
        switch storage {
        case .mapped(let descriptor):
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
            close(descriptor)
        case .memory:
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }

    /// Hands the pages holding `range` back to the kernel; nothing for bytes in memory. Safe while
    /// another thread reads them: the mapping is private and never written, so a page handed back is
    /// read again from the file on its next use.
    func release(_ range: Range<Int>) {
        guard case .mapped = storage, !range.isEmpty, let base = buffer.baseAddress else { return }
        let page = Self.pageSize
        let start = range.lowerBound / page * page
        let end = min(buffer.count, (range.upperBound + page - 1) / page * page)
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Hands pages back behind a pass that reads forward through the mapping. Reading a page maps its
    /// neighbours as well (fault-around: 64 KB; a large folio: up to 2 MB), pages behind included,
    /// so each step hands back that much behind the last one again.
    struct ForwardRelease {
        let bytes: RecordsBytes
        private var done: Int
        private static let remapped = 2 << 20

        init(_ bytes: RecordsBytes, from start: Int) {
            self.bytes = bytes
            done = start
        }

        /// Everything before `offset` has been read.
        mutating func passed(_ offset: Int) {
            guard offset > done else { return }
            bytes.release(max(0, done - Self.remapped)..<offset)
            done = offset
        }
    }

    /// A copy of `range`, read from the file again (not through the mapping, so a file cut short
    /// meanwhile gives nil rather than a crash). Nil when the file no longer holds those bytes.
    func read(_ range: Range<Int>) -> [UInt8]? {
        switch storage {
        case .memory:
            return Array(buffer[range])
        case .mapped(let descriptor):
            var bytes = [UInt8](repeating: 0, count: range.count)
            var done = 0
            while done < range.count {
                let n = bytes.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return nil }
                done += n
            }
            return bytes
        }
    }
}
