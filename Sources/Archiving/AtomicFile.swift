import Bytes
import CLinuxFiles
import Foundation

/// Writes a file so that readers only ever see the old file or the complete new one: the bytes go to
/// an unnamed temporary file in the same folder (Linux `O_TMPFILE`), are given a temporary name and
/// renamed over the target at once. There is no fsync per file: a rename is atomic against a killed
/// process without one, and one per file cost 3.6 ms each (a batch of 20,000 documents waited over a
/// minute for the disk); an archive run makes its files durable once, before its manifest
/// (`ArchiveStore`). A process killed while writing (`kill -9`)
/// leaves nothing behind: the unnamed file vanishes with it. Where the file system has no
/// `O_TMPFILE`, a named temporary file is used (`.<name>.<pid>.tmp`, cleared by `Archive.recover`); with it,
/// only a file that replaces another passes through such a name, between its link and its rename.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The disk (or the quota) is full: trying again once there is space may succeed.
        public var storageFull: Bool
        public var description: String { "无法写入 \(path)：\(reason)" }

        public init(path: String, reason: String, storageFull: Bool = false) {
            self.path = path
            self.reason = reason
            self.storageFull = storageFull
        }

        /// The failed call's `errno` in words; a full disk is named as such (磁盘已满).
        public init(path: String, errno code: Int32) {
            self.init(path: path, reason: Self.reason(errno: code), storageFull: code == ENOSPC || code == EDQUOT)
        }

        /// 磁盘已满 for a full disk or an exhausted quota, else 写入失败 with the system's words.
        public static func reason(errno code: Int32) -> String {
            code == ENOSPC || code == EDQUOT ? "磁盘已满" : "写入失败（\(String(cString: strerror(code)))）"
        }
    }

    /// The prefix and suffix of named temporary files, so that recovery can find and remove them.
    public static let temporaryPrefix = "."
    public static let temporarySuffix = ".tmp"

    /// - Parameter bytes: an array, or `Data` as it is (a records file of tens of MB is not copied to be written).
    public static func write(_ bytes: some ContiguousBytes, to url: URL) throws(WriteError) {
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
        try makeFolder(folder)
        let temporary = folder.appendingPathComponent("\(temporaryPrefix)\(url.lastPathComponent).\(getpid())\(temporarySuffix)",
                                                    isDirectory: false)
        var named = false
        var fd = open(folder.path, cedocs_o_tmpfile | O_WRONLY | O_CLOEXEC, 0o644)
        if fd < 0 {
            // No O_TMPFILE on this file system (EOPNOTSUPP, EISDIR on old kernels): a named one.
            fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            named = true
        }
        guard fd >= 0 else { throw WriteError(path: url.path, errno: errno) }
        do throws(WriteError) {
            try fill(fd)
            if !named {
                // A new file takes its own name at once, complete: a kill leaves no name behind. One that
                // replaces a file needs a temporary name and a rename, since a link cannot replace.
                if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, url.path, AT_SYMLINK_FOLLOW) == 0 {
                    let closed = close(fd)
                    fd = -1
                    // A lost write, reported at close: the new file is removed, as if never written.
                    guard closed == 0 else {
                        let code = errno
                        unlink(url.path)
                        throw WriteError(path: url.path, errno: code)
                    }
                    return
                }
                guard errno == EEXIST else { throw WriteError(path: url.path, errno: errno) }
                unlink(temporary.path)
                guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temporary.path, AT_SYMLINK_FOLLOW) == 0 else {
                    throw WriteError(path: url.path, errno: errno)
                }
                named = true
            }
            // A file system that writes back late (NFS) reports a lost write only here.
            let closed = close(fd)
            fd = -1
            guard closed == 0 else { throw WriteError(path: url.path, errno: errno) }
            guard rename(temporary.path, url.path) == 0 else { throw WriteError(path: url.path, errno: errno) }
        } catch {
            if fd >= 0 { close(fd) }
            if named { unlink(temporary.path) }
            throw error
        }
    }

    /// Makes everything written to the file system holding `folder` durable (`syncfs`, one call for a
    /// whole run), reporting a write the disk lost since, where `sync` would say nothing.
    public static func flushFileSystem(of folder: URL) throws(WriteError) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: folder.path, errno: errno) }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw WriteError(path: folder.path, errno: errno) }
    }

    /// Creates `folder` and what it lacks above it. One `mkdir` in the usual case (a person's new
    /// year folder under an existing one); FileManager's walk from the root cost more than the file.
    static func makeFolder(_ folder: URL) throws(WriteError) {
        if mkdir(folder.path, 0o755) == 0 || errno == EEXIST { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "无法创建目录（\(error.localizedDescription)）")
        }
    }

    /// Writes every byte, naming a full disk as such.
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(WriteError) {
        if let code = FileWrite.all(buffer, to: fd) { throw WriteError(path: path, errno: code) }
    }
}
