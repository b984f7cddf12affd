import Foundation
import Layout
import QRCodes
import Render
import Testing
import TestSupport

@Suite("QR codes: libqrencode's modules drawn as a sharp one-bit stencil")
struct QRCodeTests {
    @Test("the modules fill the square inside a 4-module quiet zone")
    func quietZone() throws {
        let matrix = try #require(QREncoder.matrix(for: "https://verify.example.org/ce/XZPX-2016-000001"))
        #expect(matrix.size >= 21 && (matrix.size - 21) % 4 == 0)
        let item = QRItem(rect: Rect(x: 100, y: 200, width: 90, height: 90), matrix: matrix)
        let m = item.moduleSize
        #expect(abs(m * Double(matrix.size + 8) - 90) < 1e-9)
        let square = item.modulesRect
        #expect(abs(square.x - (100 + 4 * m)) < 1e-9 && abs(square.y - (200 + 4 * m)) < 1e-9)
        #expect(abs(square.width - Double(matrix.size) * m) < 1e-9 && abs(square.maxY - (290 - 4 * m)) < 1e-9)
    }

    @Test("the result sheet's QR code is a one-bit stencil of two pixels a module, drawn unsmoothed")
    func oneBitStencil() throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        let list = try Command.run("pdfimages", ["-list", agency.person(1, "result.pdf").path]).stdout
        // Two header lines, then one line per image: page num type width height color comp bpc enc interp …
        let images = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        let codes = images.filter { $0[2] == "stencil" }
        #expect(codes.count == 1, "\(list)")
        let code = try #require(codes.first)
        let size = try #require(Int(code[3]))
        #expect(code[3] == code[4] && code[7] == "1", "a square of one-bit pixels: \(code)")
        #expect(size % 2 == 0 && size / 2 >= 21 && (size / 2 - 21) % 4 == 0, "two pixels a module: \(size)")
        #expect(code[9] == "no", "not interpolated: \(code)")
        // Besides it, only the seal (whose alpha mask pdfimages lists as an smask).
        #expect(images.filter { $0[2] == "image" }.count == 1, "\(list)")
    }
}
