import Foundation
import ZIPFoundation

/// `cedocs archive export` (移交): one person's or one unit's folder, every year, as one ZIP with an
/// extract of the manifest (`manifest.json`, the same format) listing exactly the files inside.
/// Files are checked against the manifest first: an altered or missing file is not handed over.
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
        guard let folder = subject.folder(store.layout) else {
            throw ArchiveError("“\(subject.label)”不是有效的公民身份号码（18 位）")
        }
        let entries = store.entries.filter { $0.path.hasPrefix(folder) }
        guard !entries.isEmpty else { throw ArchiveError("归档中没有\(subject.label)的文件") }
        let damaged = entries.filter { entry in FileDigest.measure(store.url(entry.path)).map { !entry.matches($0) } ?? true }
        guard damaged.isEmpty else {
            throw ArchiveError("以下文件缺失或与清单不符，不能移交（请先运行 cedocs archive check）："
                               + damaged.map(\.path).joined(separator: "、"))
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent("\(AtomicFile.temporaryPrefix)\(target.lastPathComponent).\(getpid())\(AtomicFile.temporarySuffix)")
        unlink(temporary.path)
        do {
            let zip = try ZIPFoundation.Archive(url: temporary, accessMode: .create)
            for entry in entries {
                try zip.addEntry(with: entry.path, relativeTo: store.root, compressionMethod: .deflate)
            }
            let extract = Manifest.encode(entries)
            try zip.addEntry(with: ArchivePath.manifest, type: .file, uncompressedSize: Int64(extract.count),
                             compressionMethod: .deflate) { position, size in
                extract.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            unlink(temporary.path)
            throw ArchiveError("无法写入 \(target.path)：\(error.localizedDescription)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = AtomicFile.WriteError(path: target.path, errno: errno).reason
            unlink(temporary.path)
            throw ArchiveError("无法写入 \(target.path)：\(reason)")
        }
        return entries
    }
}
