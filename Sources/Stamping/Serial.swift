/// 审验编号: the number an agency gives one issued result, `XZPX-2016-000123` — the agency's code,
/// the audit year, and the agency's sequence for that year. The registry hands them out in order and
/// never twice: a result whose content changes gets a new number, the old one is marked superseded.
public struct Serial: Sendable, Hashable, CustomStringConvertible {
    /// The agency's code, 2 to 8 capital ASCII letters and digits starting with a letter.
    public let agency: String
    public let year: Int
    /// 1 to 999,999.
    public let sequence: Int

    public static let sequences = 1...999_999

    public init?(agency: String, year: Int, sequence: Int) {
        guard Serial.isValidCode(agency), (1000...9999).contains(year), Serial.sequences.contains(sequence) else {
            return nil
        }
        self.agency = agency
        self.year = year
        self.sequence = sequence
    }

    /// Parses exactly `CODE-YYYY-NNNNNN`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 4, parts[2].count == 6,
              parts[1].allSatisfy(\.isASCIIDigit), parts[2].allSatisfy(\.isASCIIDigit),
              let year = Int(parts[1]), let sequence = Int(parts[2]) else { return nil }
        self.init(agency: String(parts[0]), year: year, sequence: sequence)
    }

    public var description: String {
        let digits = String(sequence)
        return "\(agency)-\(year)-\(String(repeating: "0", count: 6 - digits.count))\(digits)"
    }

    /// An agency code: ASCII so that serials and file names stay plain in any system.
    public static func isValidCode(_ code: String) -> Bool {
        guard (2...8).contains(code.count), let first = code.first, first.isASCII, first.isUppercase else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// Every serial written in `bytes` (a stamped PDF carries its serial in its keywords), in order.
    public static func find(in bytes: [UInt8]) -> [Serial] {
        func isWordByte(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || b == 0x2D }
        var found: [Serial] = []
        var start: Int?
        for index in 0...bytes.count {
            if index < bytes.count, isWordByte(bytes[index]) {
                if start == nil { start = index }
                continue
            }
            if let s = start, let serial = Serial(String(decoding: bytes[s..<index], as: UTF8.self)),
               !found.contains(serial) {
                found.append(serial)
            }
            start = nil
        }
        return found
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
