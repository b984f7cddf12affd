import Foundation
import Layout
import QRCodes
import Render
import Testing
import TestSupport

@Suite("QR codes: libqrencode's modules drawn as vector rectangles")
struct QRCodeTests {
    @Test("each row's dark runs become one rectangle, inside a 4-module quiet zone")
    func mergedRuns() throws {
        let matrix = try #require(QREncoder.matrix(for: "https://verify.example.org/ce/XZPX-2016-000001"))
        #expect(matrix.size >= 21 && (matrix.size - 21) % 4 == 0)
        let item = QRItem(rect: Rect(x: 100, y: 200, width: 90, height: 90), matrix: matrix)
        let m = item.moduleSize
        #expect(abs(m * Double(matrix.size + 8) - 90) < 1e-9)
        let rects = item.darkRects
        let dark = (0..<matrix.size).flatMap { r in (0..<matrix.size).map { c in matrix[r, c] } }.filter { $0 }.count
        #expect(rects.count < dark, "runs are merged")
        #expect(abs(rects.reduce(0) { $0 + $1.width * $1.height } - Double(dark) * m * m) < 1e-6)
        // The finder pattern's top row: seven dark modules in one run, four modules in from the corner.
        #expect(rects[0] == Rect(x: 100 + 4 * m, y: 200 + 4 * m, width: 7 * m, height: m))
        for rect in rects {
            #expect(rect.x >= 100 + 4 * m - 1e-9 && rect.maxX <= 190 - 4 * m + 1e-9)
            #expect(rect.y >= 200 + 4 * m - 1e-9 && rect.maxY <= 290 - 4 * m + 1e-9)
        }
    }

    @Test("the result sheet holds no raster but the seal: the QR code is vector")
    func vectorInThePDF() throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        let list = try Command.run("pdfimages", ["-list", agency.person(1, "result.pdf").path]).stdout
        // Two header lines, then one line per image: the seal (and its alpha mask).
        let images = list.split(separator: "\n").dropFirst(2).filter { !$0.contains(" smask ") }
        #expect(images.count == 1)
    }
}
