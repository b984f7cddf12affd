import Bytes
import Testing

@Suite("packed fields: values packed one after another and read back in order")
struct PackedFieldsTests {
    static let ints = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 1 << 31, -(1 << 31), Int(Int32.max) + 1, Int.max, Int.min]
    static let strings = ["", "a", "张卫东", "𠀀𪚥", "line\nbreak\"quote\\", String(repeating: "徐州市", count: 2000)]
    static let doubles = [0.0, -0.0, 0.5, 1.0 / 3.0, 72.0, -1e300, .infinity, .leastNonzeroMagnitude]

    @Test("integers, booleans, doubles, strings, byte runs, optionals and arrays read back as packed")
    func roundTrip() {
        var packer = FieldPacker()
        for value in Self.ints { packer.pack(value) }
        for value in Self.strings { packer.pack(value) }
        for value in Self.doubles { packer.pack(value) }
        packer.pack(true)
        packer.pack(false)
        packer.pack([UInt8](0...255))
        packer.pack(String?.none)
        packer.pack(String?.some("有"))
        packer.pack(Int?.some(-5)) { $0.pack($1) }
        packer.pack(Self.strings) { $0.pack($1) }
        packer.pack([Int]()) { $0.pack($1) }

        var unpacker = FieldUnpacker(packer.bytes)
        #expect(Self.ints.map { _ in unpacker.int() } == Self.ints)
        #expect(Self.strings.map { _ in unpacker.string() } == Self.strings)
        #expect(Self.doubles.map { _ in unpacker.double()?.bitPattern } == Self.doubles.map(\.bitPattern))
        #expect(unpacker.bool() == true)
        #expect(unpacker.bool() == false)
        #expect(unpacker.byteRun() == [UInt8](0...255))
        #expect(unpacker.optionalString() == .some(nil))
        #expect(unpacker.optionalString() == .some("有"))
        #expect(unpacker.optional { $0.int() } == .some(-5))
        #expect(unpacker.array { $0.string() } == Self.strings)
        #expect(unpacker.array { $0.int() } == [])
        #expect(unpacker.isComplete)
    }

    @Test("small integers take one byte (zigzag: 5 is 10, -3 is 5), and a string its length so packed and its UTF-8")
    func compact() {
        var packer = FieldPacker()
        packer.pack(5)
        packer.pack(-3)
        packer.pack("张")
        #expect(packer.bytes == [10, 5, 6, 0xE5, 0xBC, 0xA0])
    }

    @Test("bytes cut short, a length past the end or a flag that is not one read as nothing, and so does all after")
    func unreadable() {
        var packer = FieldPacker()
        packer.pack("徐州市职业技术培训中心")
        packer.pack(1 << 40)
        let bytes = packer.bytes
        for cut in 0..<bytes.count {
            var unpacker = FieldUnpacker(Array(bytes[..<cut]))
            let first = unpacker.string()
            let second = unpacker.int()
            #expect(first == nil || second == nil, "cut at \(cut)")
            #expect(!unpacker.isComplete)
        }
        var long = FieldUnpacker([200, 1, 65])  // a length of 200 with one byte after it
        #expect(long.string() == nil)
        #expect(long.int() == nil, "nothing after a failure")
        var flag = FieldUnpacker([2, 0])
        #expect(flag.bool() == nil)
        var count = FieldUnpacker([0x80, 0x80, 0x80, 0x80, 0x01])  // a count of 2^28 with nothing after it
        #expect(count.array { $0.int() } == nil)
        var trailing = FieldUnpacker([1, 2])
        #expect(trailing.int() == -1)
        #expect(!trailing.isComplete, "a byte left over")
        // A varint longer than any Int64: refused, not wrapped around.
        var endless = FieldUnpacker([UInt8](repeating: 0xFF, count: 11) + [1])
        #expect(endless.int() == nil)
    }
}
