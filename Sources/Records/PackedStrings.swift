/// Strings end to end in one buffer, for lists a run keeps for every person until it ends (each
/// person's 公民身份号码, 附件2's names and titles): as Strings, each of more than 15 bytes is an object
/// of its own (a 公民身份号码 is 18), some 64 bytes with its slot; packed, its bytes plus 8 (issue 18:
/// memory flat in the number of people). A string is made again when it is read.
public struct PackedStrings: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`.
    private var ends: [Int] = []

    public init() {}

    /// Room for `count` strings of `bytes` bytes each, so that the buffer is not copied as it grows
    /// (the old and the new one held at once); room never written takes no memory (Linux maps a page
    /// when it is first touched).
    public mutating func reserveCapacity(_ count: Int, bytes each: Int) {
        bytes.reserveCapacity(count * each)
        ends.reserveCapacity(count)
    }

    public mutating func append(_ string: String) {
        bytes += string.utf8
        ends.append(bytes.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }
}
