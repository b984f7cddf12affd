import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text of a CSV file in whatever encoding the clerk's Excel wrote it, without being told: UTF-8
/// (with or without the byte-order mark Excel's "CSV UTF-8" writes) when the bytes are valid UTF-8,
/// else GB 18030 (which contains GBK and GB 2312: Excel's "CSV" on a Chinese Windows), through glibc's
/// iconv. A file valid in neither is refused.
enum TextDecoding {
    enum Encoding: String {
        case utf8 = "UTF-8"
        case gb18030 = "GB18030"
    }

    static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(bytes: bytes, encoding: .utf8) { return (text, .utf8) }
        return gb18030(data).map { ($0, .gb18030) }
    }

    /// iconv from GB18030 to UTF-8; nil at the first byte sequence GB 18030 does not define.
    private static func gb18030(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // UTF-8 takes at most 2 bytes for each GB 18030 byte (a 2-byte GBK character becomes 3, a
        // 4-byte GB 18030 sequence at most 4).
        var output = [UInt8](repeating: 0, count: data.count * 2 + 4)
        var input = [UInt8](data)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}
