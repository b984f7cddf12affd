import Bytes
import Foundation

/// Whether a document file ends as a whole one does (完整): a PDF with `startxref`, its offset and
/// `%%EOF` last, the offset pointing at the cross-reference inside the file; a PNG with its `IEND`
/// chunk. A file cut short (a full disk while a tool wrote it in place, a run killed before the
/// rename settled) fails this even when the manifest lists its bytes: a file found after an
/// interrupted run is listed as it was found (`ArchiveStore.settle`).
public enum FileEnding {
    /// True for kinds not checked here (JSON, ZIP); false for a file that cannot be read.
    public static func isComplete(_ url: URL) -> Bool {
        switch url.pathExtension.lowercased() {
        case "pdf": return read(url, pdf)
        case "png": return read(url) { tail, _, _ in tail.suffix(pngEnd.count).elementsEqual(pngEnd) }
        default: return true
        }
    }

    /// The 12 bytes every PNG ends with: the empty IEND chunk and its CRC.
    private static let pngEnd: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    /// Hands `check` the file's last KB, its size, and a way to read bytes at an offset.
    private static func read(_ url: URL, _ check: (_ tail: [UInt8], _ size: Int, _ at: (Int, Int) -> [UInt8]) -> Bool) -> Bool {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return false }
        let size = Int(status.st_size)
        func bytes(at offset: Int, count: Int) -> [UInt8] {
            guard offset >= 0, offset < size else { return [] }
            return FileRead.bytes(offset..<offset + min(count, size - offset), from: fd) ?? []
        }
        let tail = bytes(at: max(0, size - 1024), count: 1024)
        return check(tail, size, bytes)
    }

    /// `startxref`, the cross-reference's offset and `%%EOF`, only white space after; at the offset,
    /// `xref` (a table) or `<n> <g> obj` (a stream).
    private static func pdf(_ tail: [UInt8], size: Int, at: (Int, Int) -> [UInt8]) -> Bool {
        let text = String(decoding: tail, as: UTF8.self)
        guard let start = text.range(of: "startxref", options: .backwards) else { return false }
        let words = text[start.upperBound...].split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[1] == "%%EOF", let offset = Int(words[0]), offset < size else { return false }
        let xref = String(decoding: at(offset, 32), as: UTF8.self)
        if xref.hasPrefix("xref") { return true }
        let object = xref.split(whereSeparator: \.isWhitespace).prefix(3)
        return object.count == 3 && object.prefix(2).allSatisfy { $0.allSatisfy(\.isNumber) } && object.last == "obj"
    }
}
