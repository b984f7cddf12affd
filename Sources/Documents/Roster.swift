import Records

/// The rows of a unit's 附件2 (年度审验表), in file order, packed into one buffer: a run collects a row
/// for every person before the roster is laid out, and as `RosterEntry` values (three strings, two of
/// them on the heap) a row took some 300 bytes with the array's spare room; packed, it takes the bytes
/// of its text plus 40, so that a city unit of 30,000 people keeps about 2 MB (issue 18: memory flat
/// in the number of people). A row is unpacked when it is read.
public struct Roster: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    /// Where each row begins in `bytes`.
    private var starts: [Int] = []

    public init() {}

    public init<Entries: Sequence<RosterEntry>>(_ entries: Entries) {
        for entry in entries { append(entry) }
    }

    /// Room for `rows` rows of up to 128 bytes, so that the buffer is not copied as it grows (the old
    /// and the new one held at once); room never written takes no memory (Linux maps it when touched).
    public mutating func reserveCapacity(_ rows: Int) {
        starts.reserveCapacity(rows)
        bytes.reserveCapacity(rows * 128)
    }

    public mutating func append(_ entry: RosterEntry) {
        starts.append(bytes.count)
        for text in [entry.name, entry.idNumber, entry.titleAndLevel] {
            let utf8 = Array(text.utf8)
            appendInteger(UInt32(utf8.count))
            bytes += utf8
        }
        for hours in [entry.publicHours, entry.professionalHours, entry.totalHours] { appendInteger(hours.bitPattern) }
        bytes.append(entry.passed ? 1 : 0)
        if let date = entry.auditDate {
            bytes.append(1)
            appendInteger(UInt32(truncatingIfNeeded: date.year))
            bytes += [UInt8(date.month), UInt8(date.day)]
        } else {
            bytes.append(0)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count }

    public subscript(index: Int) -> RosterEntry {
        var reader = Reader(bytes: bytes, at: starts[index])
        let name = reader.text(), idNumber = reader.text(), titleAndLevel = reader.text()
        let publicHours = reader.hours(), professionalHours = reader.hours(), totalHours = reader.hours()
        let passed = reader.byte() == 1
        let auditDate = reader.byte() == 1
            ? CalendarDate(year: Int(Int32(bitPattern: reader.integer(UInt32.self))), month: Int(reader.byte()), day: Int(reader.byte()))
            : nil
        return RosterEntry(name: name, idNumber: idNumber, titleAndLevel: titleAndLevel, publicHours: publicHours,
                           professionalHours: professionalHours, totalHours: totalHours, passed: passed, auditDate: auditDate)
    }

    private mutating func appendInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// Reads a row back in the order `append` wrote it.
    private struct Reader {
        let bytes: [UInt8]
        var at: Int

        init(bytes: [UInt8], at: Int) {
            self.bytes = bytes
            self.at = at
        }

        mutating func byte() -> UInt8 {
            defer { at += 1 }
            return bytes[at]
        }

        mutating func integer<Integer: FixedWidthInteger>(_: Integer.Type) -> Integer {
            var value = Integer.zero
            for offset in 0..<MemoryLayout<Integer>.size { value |= Integer(bytes[at + offset]) << (8 * offset) }
            at += MemoryLayout<Integer>.size
            return value
        }

        mutating func text() -> String {
            let count = Int(integer(UInt32.self))
            defer { at += count }
            return String(decoding: bytes[at..<at + count], as: UTF8.self)
        }

        mutating func hours() -> Double { Double(bitPattern: integer(UInt64.self)) }
    }
}
