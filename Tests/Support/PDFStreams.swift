import Foundation

/// The streams of a PDF file as bytes, for what poppler does not show.
public enum PDFStreams {
    /// The first two bytes of each stream: zlib's header, which names the level class (78 9C the
    /// default level 6, 78 5E levels 2 to 5).
    public static func zlibHeaders(_ pdf: Data) -> [String] {
        var headers: [String] = []
        var from = pdf.startIndex
        while let marker = pdf.range(of: Data("stream\n".utf8), in: from..<pdf.endIndex) {
            from = marker.upperBound
            if marker.lowerBound > pdf.startIndex, pdf[marker.lowerBound - 1] == UInt8(ascii: "d") { continue }  // endstream
            guard from + 2 <= pdf.endIndex else { break }
            headers.append(pdf[from..<from + 2].map { String(format: "%02X", $0) }.joined(separator: " "))
        }
        return headers
    }
}
