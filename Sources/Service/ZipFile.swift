import Foundation
import ZIPFoundation

/// A ZIP archive built in memory from named files: the answer when a request asks for many PDFs.
/// Entries are stored (PDFs are already compressed) with a fixed date, so the same files give the
/// same archive.
struct ZipFile {
    private var entries: [(path: String, bytes: Data)] = []

    mutating func add(_ path: String, _ bytes: Data) {
        entries.append((path, bytes))
    }

    /// Every file under `folder`, by its path relative to it, in name order.
    mutating func add(folder: URL) throws {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            add(path, try Data(contentsOf: url))
        }
    }

    /// 1980-01-01, the first date ZIP can write.
    private static let date = Date(timeIntervalSince1970: 315_532_800)

    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.date,
                                 compressionMethod: .none) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}
