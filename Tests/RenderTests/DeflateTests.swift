import CDeflateLevel
import Foundation
import Testing

/// How this binary deflates (Sources/CDeflateLevel): a stream begun with deflateInit(), as Cairo
/// begins each of a PDF's, is compressed whole by libdeflate at cedocs' level and handed out as room
/// is given; a stream begun with deflateInit2_ (ZIPFoundation's, libpng's) is zlib's own.
@Suite("Deflating Cairo's streams")
struct DeflateTests {
    /// Bytes that compress some, as a PDF content stream does.
    let input: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 13) }

    /// Deflates `input` as Cairo does: 10,000-byte pieces with Z_NO_FLUSH, then Z_FINISH, taking the
    /// output `room` bytes at a time.
    func deflateAsCairo(_ input: [UInt8], room: Int) throws -> (output: [UInt8], stream: z_stream) {
        var stream = z_stream()
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: room)
        try input.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: 10_000) {
                stream.next_in = UnsafeMutablePointer(mutating: all.baseAddress! + start)
                stream.avail_in = uInt(min(10_000, all.count - start))
                let status = buffer.withUnsafeMutableBufferPointer { room in
                    stream.next_out = room.baseAddress
                    stream.avail_out = uInt(room.count)
                    return deflate(&stream, Z_NO_FLUSH)
                }
                try #require(status == Z_OK)
                #expect(stream.avail_in == 0, "all input taken")
                output += buffer[0..<(room - Int(stream.avail_out))]
            }
        }
        var status = Z_OK
        while status == Z_OK {
            status = buffer.withUnsafeMutableBufferPointer { room in
                stream.next_out = room.baseAddress
                stream.avail_out = uInt(room.count)
                return deflate(&stream, Z_FINISH)
            }
            output += buffer[0..<(room - Int(stream.avail_out))]
        }
        try #require(status == Z_STREAM_END)
        return (output, stream)
    }

    func inflated(_ compressed: [UInt8], count: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: count)
        var length = uLongf(count)
        return uncompress(&output, &length, compressed, uLong(compressed.count)) == Z_OK && Int(length) == count ? output : nil
    }

    @Test("deflateInit: zlib's format at cedocs' level (header 78 5E), whole, in any room, inflating back")
    func wholeStream() throws {
        for room in [1, 1000, 1 << 16] {
            var (output, stream) = try deflateAsCairo(input, room: room)
            #expect(Array(output.prefix(2)) == [0x78, 0x5E])
            #expect(inflated(output, count: input.count) == input, "room \(room)")
            #expect(stream.total_in == uLong(input.count) && stream.total_out == uLong(output.count))
            #expect(stream.adler == adler32(1, input, uInt(input.count)))
            #expect(output.count < input.count / 4)
            #expect(deflateEnd(&stream) == Z_OK)
        }
        var empty = try deflateAsCairo([], room: 100)
        #expect(inflated(empty.output, count: 0) == [])
        #expect(deflateEnd(&empty.stream) == Z_OK)
    }

    @Test("the same input gives the same bytes, on any thread")
    func deterministic() async throws {
        let first = try deflateAsCairo(input, room: 4096)
        var end = first.stream
        _ = deflateEnd(&end)
        let others = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var (output, stream) = try deflateAsCairo(input, room: 4096)
                    _ = deflateEnd(&stream)
                    return output
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(others.allSatisfy { $0 == first.output })
    }

    /// Deflates `input` whole and ends the stream, checking it inflates back.
    func deflated(_ input: [UInt8]) throws -> [UInt8] {
        var (output, stream) = try deflateAsCairo(input, room: 1 << 16)
        #expect(deflateEnd(&stream) == Z_OK)
        #expect(stream.adler == adler32(1, input, uInt(input.count)))
        #expect(inflated(output, count: input.count) == input)
        return output
    }

    @Test("a large input that comes again (a seal image in every document) is given from memory, byte for byte")
    func repeatedInputs() throws {
        // Bytes no other test deflates: a thread remembers what any test deflated on it before.
        let seal = input.map { $0 ^ 0xA5 }
        let start = cedocs_deflate_recalled_on_this_thread()
        let first = try deflated(seal)
        #expect(try deflated(seal) == first, "the second time it is compressed again, and kept")
        #expect(cedocs_deflate_recalled_on_this_thread() == start)
        // Each document's own large streams come once and do not push the seal's out.
        for document in 0..<40 {
            let own = seal.map { $0 &+ UInt8(truncatingIfNeeded: document + 1) }
            #expect(try deflated(own) != first)
        }
        #expect(try deflated(seal) == first)
        #expect(cedocs_deflate_recalled_on_this_thread() == start + 1)
        // One byte changed, same length: compressed as itself, not given the seal's bytes.
        var bent = seal
        bent[100_000] ^= 0xFF
        let other = try deflated(bent)
        #expect(other != first)
        #expect(cedocs_deflate_recalled_on_this_thread() == start + 1)
        // Small inputs are never looked up.
        let small = Array(seal.prefix(10_000))
        for _ in 0..<3 { _ = try deflated(small) }
        #expect(cedocs_deflate_recalled_on_this_thread() == start + 1)
    }

    @Test("only Z_NO_FLUSH and Z_FINISH; no input after Z_FINISH; zlib's own functions refuse the stream")
    func refusals() throws {
        var stream = z_stream()
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var buffer = [UInt8](repeating: 0, count: 64)
        let status = buffer.withUnsafeMutableBufferPointer { room in
            stream.next_out = room.baseAddress
            stream.avail_out = uInt(room.count)
            return deflate(&stream, Z_SYNC_FLUSH)
        }
        #expect(status == Z_STREAM_ERROR)
        #expect(deflateParams(&stream, 9, Z_DEFAULT_STRATEGY) == Z_STREAM_ERROR)
        #expect(deflateReset(&stream) == Z_STREAM_ERROR)
        #expect(deflateEnd(&stream) == Z_OK)
    }

    @Test("deflateInit2_ (raw deflate, as in a ZIP) stays zlib's: inflates back with a raw inflater")
    func zlibsOwn() throws {
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                              Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var output = [UInt8](repeating: 0, count: input.count + 1024)
        var source = input
        let produced = source.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END ? output.count - Int(stream.avail_out) : -1
            }
        }
        #expect(deflateEnd(&stream) == Z_OK)
        try #require(produced > 0)
        var inflater = z_stream()
        #expect(inflateInit2_(&inflater, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var back = [UInt8](repeating: 0, count: input.count)
        let status = output.withUnsafeMutableBufferPointer { compressed in
            back.withUnsafeMutableBufferPointer { back in
                inflater.next_in = compressed.baseAddress
                inflater.avail_in = uInt(produced)
                inflater.next_out = back.baseAddress
                inflater.avail_out = uInt(back.count)
                return inflate(&inflater, Z_FINISH)
            }
        }
        #expect(inflateEnd(&inflater) == Z_OK)
        #expect(status == Z_STREAM_END)
        #expect(back == input)
    }
}
