import Foundation
import ZIPFoundation

/// `cedocs archive export` (移交): one person's or one unit's folder, every year, as one ZIP with an
/// extract of the manifest (`manifest.json`, the same format) listing exactly the files inside.
/// Files are checked against the manifest first: an altered, incomplete or missing file is not handed over.
public enum ArchiveExport {
    /// What to hand over.
    public enum Subject: Sendable {
        /// By 公民身份号码.
        case person(String)
        /// By 单位名称 as the records give it.
        case unit(String)

        /// The folder's path inside the archive laid out as `layout`; nil for an ID number that cannot be one.
        func folder(_ layout: ArchiveLayout) -> String? {
            switch self {
            case .person(let id):
                let id = id.uppercased()
                guard ArchiveLayout(root: URL(fileURLWithPath: "/")).personFolder(id: id, year: 0) != nil else { return nil }
                return "people/\(id)/"
            case .unit(let name):
                return "units/\(layout.unitComponent(name))/"
            }
        }

        var label: String {
            switch self {
            case .person(let id): return "公民身份号码 \(id)"
            case .unit(let name): return "单位“\(name)”"
            }
        }
    }

    /// Writes the ZIP to `target` (whole or not at all) and returns the entries it holds.
    public static func write(_ subject: Subject, from store: ArchiveStore, to target: URL) throws(ArchiveError) -> [ManifestEntry] {
        guard let folder = subject.folder(try store.layout()) else {
            throw ArchiveError("“\(subject.label)”不是有效的公民身份号码（18 位）")
        }
        let entries = try store.entries().filter { $0.path.hasPrefix(folder) }
        guard !entries.isEmpty else { throw ArchiveError("归档中没有\(subject.label)的文件") }
        let damaged = entries.filter { entry in
            !(FileDigest.measure(store.url(entry.path)).map { entry.matches($0) } ?? false)
                || !FileEnding.isComplete(store.url(entry.path))
        }
        guard damaged.isEmpty else {
            throw ArchiveError("以下文件缺失、不完整或与清单不符，不能移交（请先运行 cedocs archive check）："
                               + damaged.map(\.path).joined(separator: "、"))
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent("\(AtomicFile.temporaryPrefix)\(target.lastPathComponent).\(getpid())\(AtomicFile.temporarySuffix)")
        unlink(temporary.path)
        do {
            try fill(temporary, with: entries, from: store)
        } catch {
            let code = errno
            unlink(temporary.path)
            throw ArchiveError("无法写入 \(target.path)：\(reason(error, errno: code))")
        }
        // ZIPFoundation ignores the result of its last flush and of closing the file, so a full disk
        // can cut the end off unnoticed: the ZIP is read back (its central directory comes last) and
        // made durable before it gets its name.
        if let failure = complete(temporary, holding: entries.count + 1) {
            unlink(temporary.path)
            throw ArchiveError("无法写入 \(target.path)：\(failure)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = AtomicFile.WriteError(path: target.path, errno: errno).reason
            unlink(temporary.path)
            throw ArchiveError("无法写入 \(target.path)：\(reason)")
        }
        return entries
    }

    private static func fill(_ temporary: URL, with entries: [ManifestEntry], from store: ArchiveStore) throws {
        let zip = try ZIPFoundation.Archive(url: temporary, accessMode: .create)
        for entry in entries {
            try zip.addEntry(with: entry.path, relativeTo: store.root, compressionMethod: .deflate)
        }
        let extract = Manifest.encode(entries)
        try zip.addEntry(with: ArchivePath.manifest, type: .file, uncompressedSize: Int64(extract.count),
                         compressionMethod: .deflate) { position, size in
            extract.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// Nil when the ZIP at `url` reads back with `count` entries and reached the disk; else why not.
    private static func complete(_ url: URL, holding count: Int) -> String? {
        guard let zip = try? ZIPFoundation.Archive(url: url, accessMode: .read), zip.reduce(0, { n, _ in n + 1 }) == count else {
            return "写入后读回不完整（磁盘已满或写入失败）"
        }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return AtomicFile.WriteError(path: url.path, errno: errno).reason }
        defer { close(fd) }
        guard fsync(fd) == 0 else { return AtomicFile.WriteError(path: url.path, errno: errno).reason }
        return nil
    }

    /// A full disk in words. ZIPFoundation's own errors only say that writing failed: the `errno` of
    /// the failed call, saved at once, tells why.
    private static func reason(_ error: any Error, errno saved: Int32) -> String {
        AtomicFile.WriteError.reason(errno: (error as NSError).domain == NSPOSIXErrorDomain ? Int32((error as NSError).code) : saved)
    }
}
