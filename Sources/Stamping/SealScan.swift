import Foundation

/// An agency's seal image: its own scan, a PNG with transparency so that only the red ink prints.
/// cedocs never draws a seal from text; it only checks that the file is such a picture.
enum SealScan {
    static func check(_ url: URL) throws(StampingError) {
        guard let data = try? Data(contentsOf: url) else { throw StampingError("找不到印章图像 \(url.path)") }
        let bytes = Array(data)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // IHDR is the first chunk: length (4), "IHDR", width, height, bit depth, then the colour type.
        guard bytes.count >= 33, Array(bytes.prefix(8)) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw StampingError("印章图像 \(url.path) 不是 PNG 文件：请用带透明背景的 PNG 扫描件")
        }
        let colourType = bytes[25]
        // 4 and 6 carry an alpha channel; other types are transparent only with a tRNS chunk.
        let hasAlpha = colourType == 4 || colourType == 6 || bytes.firstRange(of: Array("tRNS".utf8)) != nil
        guard hasAlpha else {
            throw StampingError("印章图像 \(url.path) 没有透明背景：盖在文字上会遮住文字，请先去除白底（保存为带透明通道的 PNG）")
        }
    }
}
