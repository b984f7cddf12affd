import Bytes
import CSafeMapping
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one records file, kept out of memory: a city's unit can list tens of thousands of
/// people, and memory must not grow with them.
///
/// A file is mapped read-only and parsed once from start to end, handing each page back
/// (`MADV_DONTNEED`) once it has been read; a person is read again later with `pread`, a few KB at a
/// time. The mapping is guarded (CSafeMapping): a file cut short while it is read gives zeros instead
/// of SIGBUS, and `changed` tells the loader. A pipe is read into memory (up to `pipeLimit`), and an
/// HTTP request body is already in memory and is simply kept.
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
        /// `guardSlot`: the SIGBUS guard of the mapping (CSafeMapping); `size` and `modified` as the
        /// file was when mapped, to tell later whether it changed.
        case mapped(descriptor: Int32, guardSlot: Int32, size: Int, modified: timespec)
        /// Owned: a copy, or a pipe read whole.
        case memory
        /// Someone else's bytes, valid only while the loader reads them (`RecordsLoader.load(data:)`).
        case borrowed
    }

    /// The most a pipe or standard input may bring: it is read into memory, a file of any size is not.
    public static let pipeLimit = 256 << 20

    /// Maps a regular file, reads a pipe (standard input, a FIFO, `<(…)`) into memory up to
    /// `pipeLimit`, and refuses devices and folders, saying what they are.
    init(contentsOf url: URL, fileName: String) throws(RecordsFileError) {
        self.fileName = fileName
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == EACCES ? "没有读取权限" : String(cString: strerror(errno))
            throw .file(fileName, "无法读取文件 \(url.path)（\(reason)）")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .file(fileName, "无法读取文件 \(url.path)（\(reason)）")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            if status.st_size > 0, let size = Int(exactly: status.st_size),
               let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED {
                let slot = cedocs_guard_mapping(base, size)
                if slot >= 0 {
                    buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
                    storage = .mapped(descriptor: descriptor, guardSlot: slot, size: size, modified: status.st_mtim)
                    return
                }
                // No guard left: unmapped and read like a pipe, as a cut-short mapping would be fatal.
                munmap(base, size)
            }
        case S_IFIFO, S_IFSOCK:
            break
        case let kind:
            close(descriptor)
            throw .file(fileName, "\(url.path) 是\(Self.kindName(kind))，不是记录文件")
        }
        defer { close(descriptor) }
        (buffer, storage) = (try Self.readAll(descriptor, path: url.path, fileName: fileName), .memory)
    }

    private static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "文件夹"
        case S_IFCHR: "字符设备（如 /dev/null、/dev/zero 或终端）"
        case S_IFBLK: "块设备（磁盘）"
        default: "特殊文件"
        }
    }

    /// Everything the descriptor gives until its end, at most `pipeLimit` bytes.
    private static func readAll(_ descriptor: Int32, path: String,
                                fileName: String) throws(RecordsFileError) -> UnsafeBufferPointer<UInt8> {
        var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
        var count = 0
        while true {
            if count == storage.count {
                guard count <= pipeLimit else {
                    storage.deallocate()
                    throw .file(fileName, "从 \(path) 读入的内容超过 \(pipeLimit >> 20) MB 的上限；请把记录保存为文件再检查")
                }
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(storage.count * 2, pipeLimit + 1))
                _ = larger.moveInitialize(fromContentsOf: storage)
                storage.deallocate()
                storage = larger
            }
            let n = Glibc.read(descriptor, storage.baseAddress.map { $0 + count }, storage.count - count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else {
                let reason = String(cString: strerror(errno))
                storage.deallocate()
                throw .file(fileName, "读取 \(path) 时出错（\(reason)）")
            }
            if n == 0 { break }
            count += n
        }
        return UnsafeBufferPointer(rebasing: storage[0..<count])
    }

    /// Whether the file was cut short or written to since it was mapped: what was read of it may be a
    /// mixture (zeros where it was cut, see CSafeMapping). Bytes in memory never change.
    var changed: Bool {
        guard case .mapped(let descriptor, let slot, let size, let modified) = storage else { return false }
        var status = stat()
        return cedocs_mapping_faulted(slot) != 0 || fstat(descriptor, &status) != 0 || status.st_size != size
            || status.st_mtim.tv_sec != modified.tv_sec || status.st_mtim.tv_nsec != modified.tv_nsec
    }

    /// Whether the bytes are in memory (a request body, a pipe), not mapped from a file.
    var inMemory: Bool {
        if case .mapped = storage { false } else { true }
    }

    /// Bytes already in memory (an HTTP request body), copied.
    public init(_ data: some Collection<UInt8>, fileName: String) {
        self.fileName = fileName
        (buffer, storage) = (Self.copy(data), .memory)
    }

    /// Bytes in memory, not copied: the caller keeps them alive and unchanged while this object is used.
    init(borrowing bytes: UnsafeRawBufferPointer, fileName: String) {
        self.fileName = fileName
        (buffer, storage) = (bytes.assumingMemoryBound(to: UInt8.self), .borrowed)
    }

    private static func copy<C: Collection<UInt8>>(_ data: C) -> UnsafeBufferPointer<UInt8> {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = copy.initialize(from: data)
        return UnsafeBufferPointer(rebasing: copy[0..<data.count])
    }

    deinit {
        switch storage {
        case .mapped(let descriptor, let slot, _, _):
            cedocs_unguard_mapping(slot)
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
            close(descriptor)
        case .memory:
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        case .borrowed:
            break
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
        private static let step = 1 << 20

        init(_ bytes: RecordsBytes, from start: Int) {
            self.bytes = bytes
            done = start
        }

        /// Everything before `offset` has been read.
        /// Pages are handed back a megabyte at a time: a call per person of a file of millions of tiny
        /// people cost more system time than the whole check (issue 11).
        mutating func passed(_ offset: Int) {
            guard offset >= done + Self.step else { return }
            bytes.release(max(0, done - Self.remapped)..<offset)
            done = offset
        }
    }

    /// A copy of `range`, read from the file again (not through the mapping, so a file cut short
    /// meanwhile gives nil rather than a crash). Nil when the file no longer holds those bytes.
    func read(_ range: Range<Int>) -> [UInt8]? {
        switch storage {
        case .memory, .borrowed:
            return Array(buffer[range])
        case .mapped(let descriptor, _, _, _):
            return FileRead.bytes(range, from: descriptor)
        }
    }
}
