/// A list's 公民身份号码, end to end in one buffer: a loaded file keeps every valid person's number for
/// the whole run, and as 30,000 Strings (each 18 characters, too long to be kept inline) they took 2 MB;
/// packed, some 26 bytes each (issue 18: memory flat in the number of people).
struct PackedIDNumbers: Sendable {
    private var bytes: [UInt8] = []
    /// Where each number ends in `bytes`.
    private var ends: [Int] = []

    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count * 18)
        ends.reserveCapacity(count)
    }

    mutating func append(_ idNumber: String) {
        bytes += idNumber.utf8
        ends.append(bytes.count)
    }

    /// Every number, in order.
    var all: [String] {
        var start = 0
        return ends.map { end in
            defer { start = end }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
