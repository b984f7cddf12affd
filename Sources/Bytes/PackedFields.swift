/// Values packed one after another into bytes and read back in the same order: a scratch format for
/// what a run writes and reads back itself (a stamp run's spool), where JSON's keys and escapes were
/// most of the work. An integer is a LEB128 varint (zigzag, so small negatives stay short), a string
/// or byte run its length (an integer) then its bytes, a Double its IEEE bits, an optional a flag
/// byte then the value. Nothing is named or versioned: only the code that packed the bytes reads them.
public struct FieldPacker {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func pack(_ value: Int) {
        var zigzag = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    public mutating func pack(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func pack(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    public mutating func pack(_ value: some Collection<UInt8>) {
        pack(value.count)
        bytes.append(contentsOf: value)
    }

    public mutating func pack(_ value: String) { pack(value.utf8) }

    /// A flag, then the value packed by `body` when there is one.
    public mutating func pack<Value>(_ value: Value?, _ body: (inout FieldPacker, Value) -> Void) {
        pack(value != nil)
        if let value { body(&self, value) }
    }

    public mutating func pack(_ value: String?) { pack(value) { $0.pack($1) } }

    /// The count, then each element packed by `body`.
    public mutating func pack<Element>(_ values: [Element], _ body: (inout FieldPacker, Element) -> Void) {
        pack(values.count)
        for value in values { body(&self, value) }
    }
}

/// Reads what a `FieldPacker` packed, field by field in the same order; each read is nil (and every
/// later one too) once the bytes are not what was packed: cut short, or a length past their end.
public struct FieldUnpacker {
    private let bytes: [UInt8]
    private var offset = 0
    private var failed = false

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every byte read, and none was wrong.
    public var isComplete: Bool { !failed && offset == bytes.count }

    public mutating func int() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while !failed, offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)) }
            shift += 7
        }
        return fail()
    }

    public mutating func bool() -> Bool? {
        guard let byte = take(1)?.first, byte <= 1 else { return fail() }
        return byte == 1
    }

    public mutating func double() -> Double? {
        guard let run = take(8) else { return nil }
        return Double(bitPattern: run.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    public mutating func byteRun() -> [UInt8]? {
        guard let count = int(), count >= 0, let run = take(count) else { return fail() }
        return Array(run)
    }

    public mutating func string() -> String? {
        guard let run = byteRun() else { return nil }
        return String(decoding: run, as: UTF8.self)
    }

    /// What `FieldPacker.pack(_:_:)` packed for an optional: `.some(nil)` for none, nil when unreadable.
    public mutating func optional<Value>(_ body: (inout FieldUnpacker) -> Value?) -> Value?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = body(&self) else { return fail() }
        return .some(value)
    }

    public mutating func optionalString() -> String?? { optional { $0.string() } }

    /// What `FieldPacker.pack(_:_:)` packed for an array; nil when any element is unreadable.
    public mutating func array<Element>(_ body: (inout FieldUnpacker) -> Element?) -> [Element]? {
        // Each element takes a byte at least: a larger count is not what was packed.
        guard let count = int(), count >= 0, count <= bytes.count - offset else { return fail() }
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = body(&self) else { return fail() }
            values.append(value)
        }
        return values
    }

    private mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard !failed, count <= bytes.count - offset else { return fail() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    private mutating func fail<T>() -> T? {
        failed = true
        return nil
    }
}
