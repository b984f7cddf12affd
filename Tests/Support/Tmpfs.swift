import Foundation

/// A small file system of its own (tmpfs) for tests of a full disk: mounted on a fresh folder, grown or
/// filled at will, unmounted at the end. Mounting needs root, as CI has.
public final class Tmpfs: Sendable {
    public let folder: URL

    public struct MountError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(kilobytes: Int, name: String = #function) throws {
        folder = Repository.temporaryFolder(name)
        let result = try Command.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", folder.path])
        guard result.status == 0, !result.signaled else {
            throw MountError(description: "cannot mount a tmpfs on \(folder.path) (root needed): \(result.stderr)")
        }
    }

    /// Changes the size in place: smaller than what it holds fails, larger makes room again.
    public func resize(kilobytes: Int) throws {
        let result = try Command.run("/usr/bin/mount", ["-o", "remount,size=\(kilobytes)k", folder.path])
        guard result.status == 0 else { throw MountError(description: "cannot resize \(folder.path): \(result.stderr)") }
    }

    /// Fills every free byte with one file (its URL), so that the next write fails with ENOSPC;
    /// removing that file frees the space again.
    @discardableResult
    public func fill() throws -> URL {
        let url = folder.appendingPathComponent(".filler")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw MountError(description: "cannot create \(url.path)") }
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 1 << 16)
        // Large pieces first, then single bytes for what a page's worth leaves.
        for size in [block.count, 4096, 1] {
            while block.withUnsafeBytes({ write(fd, $0.baseAddress, size) }) > 0 {}
            guard errno == ENOSPC else { throw MountError(description: "filling \(url.path): errno \(errno)") }
        }
        return url
    }

    public func unmount() {
        _ = try? Command.run("/usr/bin/umount", ["-l", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }
}
