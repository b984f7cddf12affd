import Bytes
import Foundation
import Testing

@Suite("pread loop")
struct FileReadTests {
    /// A file of 1,000 bytes that are not all alike, opened for reading.
    private func withFile(_ body: (Int32, [UInt8]) throws -> Void) throws {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-fileread-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        try body(fd, bytes)
    }

    @Test func exactRangesAndNothingPastTheEnd() throws {
        try withFile { fd, bytes in
            #expect(FileRead.bytes(0..<1_000, from: fd) == bytes)
            #expect(FileRead.bytes(990..<1_000, from: fd) == Array(bytes[990..<1_000]))
            #expect(FileRead.bytes(0..<0, from: fd) == [])
            // The file holds only 1,000 bytes: a range beyond is not read in part.
            #expect(FileRead.bytes(995..<1_005, from: fd) == nil)
        }
    }

    @Test func fillStopsAtTheEndOfTheFile() throws {
        try withFile { fd, bytes in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
            defer { buffer.deallocate() }
            #expect(FileRead.fill(buffer, from: fd, at: 980) == 20)
            #expect(Array(buffer.prefix(20)) == Array(bytes[980...]))
            #expect(FileRead.fill(buffer, from: fd, at: 1_000) == 0)
        }
    }

    /// Read in pieces of 7 bytes (the last one short), the pieces join up to the whole file.
    @Test func piecesJoinUpToTheFile() throws {
        try withFile { fd, bytes in
            var joined: [UInt8] = []
            var sizes: [Int] = []
            let whole = FileRead.pieces(of: fd, from: 3, chunk: 7) { piece in
                joined += piece
                sizes.append(piece.count)
                return true
            }
            #expect(whole == true)
            #expect(joined == Array(bytes[3...]))
            #expect(sizes.count == 143 && sizes.dropLast().allSatisfy { $0 == 7 } && sizes.last == 3)
        }
    }

    @Test func piecesStopWhenTheReaderSaysSo() throws {
        try withFile { fd, _ in
            var seen = 0
            let whole = FileRead.pieces(of: fd, chunk: 100) { _ in
                seen += 1
                return seen < 2
            }
            #expect(whole == false)
            #expect(seen == 2)
        }
    }

    /// A descriptor that cannot be read (a pipe has no offsets) is an error, not an empty file.
    @Test func unreadableIsAnError() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(FileRead.bytes(0..<1, from: ends[0]) == nil)
        #expect(FileRead.pieces(of: ends[0]) { _ in true } == nil)
    }
}
