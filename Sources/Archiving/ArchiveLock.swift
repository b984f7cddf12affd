import Foundation

/// One cedocs process at a time changes an archive: an exclusive `flock` on `.cedocs.lock`, which
/// the kernel releases when the process ends, however it ends.
final class ArchiveLock {
    private let fd: Int32

    /// Waits for the lock; `waiting` is called once if another process holds it.
    init(root: URL, waiting: () -> Void) throws(ArchiveError) {
        let url = root.appendingPathComponent(ArchivePath.lock)
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ArchiveError("无法在归档目录 \(root.path) 中建立锁文件：\(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    Foundation.close(fd)
                    throw ArchiveError("无法锁定归档目录 \(root.path)：\(String(cString: strerror(errno)))")
                }
            }
        }
    }

    deinit { Foundation.close(fd) }
}
