import CQREncode
import Layout

/// Text to QR modules through libqrencode (thread-safe): byte mode, so a URL is kept as written, and
/// error correction level M, which survives some 15% of the code smudged or folded.
public enum QREncoder {
    /// Nil when the text is too long for any QR version (over 2,331 bytes at level M).
    public static func matrix(for text: String) -> QRMatrix? {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        let bytes = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        return QRMatrix(size: size, dark: bytes.map { $0 & 1 == 1 })
    }
}
