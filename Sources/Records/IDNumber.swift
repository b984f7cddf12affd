import Foundation

/// What is wrong with a 公民身份号码; `message(for:)` says it to a clerk.
public enum IDNumberProblem: Sendable, Equatable, CustomStringConvertible {
    /// Not 18 characters; the count found.
    case wrongLength(Int)
    /// A character that may not stand at that place (1-based position).
    case invalidCharacter(Character, position: Int)
    /// Digits 7–14 do not name a real day (e.g. 19800230).
    case birthDateNotReal(String)
    /// A real day, but after the reference date (today, or the end of the audit year).
    case birthDateInFuture(CalendarDate, latest: CalendarDate)
    /// A real day, but before 1900-01-01.
    case birthDateTooEarly(CalendarDate)
    /// The 18th character does not match the ISO 7064 MOD 11-2 check of the first 17.
    case wrongCheckCharacter(found: Character, expected: Character)

    /// `公民身份号码的校验码应为 9`
    public var description: String { message(for: "") }

    /// `公民身份号码 32030219800101123X 的校验码应为 9`
    public func message(for idNumber: String) -> String {
        let id = idNumber.isEmpty ? "公民身份号码" : "公民身份号码 \(idNumber) "
        switch self {
        case .wrongLength(let n):
            return "\(id)应为 18 位，实际为 \(n) 位"
        case .invalidCharacter(" ", let position):
            return "\(id)第 \(position) 位是空格，请删除"
        case .invalidCharacter(let c, let position):
            return position == 18
                ? "\(id)第 18 位\(Self.show(c))无效，应为数字或 X"
                : "\(id)第 \(position) 位\(Self.show(c))不是数字"
        case .birthDateNotReal(let digits):
            return "\(id)中的出生日期 \(digits) 不是真实的日期"
        case .birthDateInFuture(let d, let latest):
            return "\(id)中的出生日期 \(d) 晚于 \(latest)，不可能"
        case .birthDateTooEarly(let d):
            return "\(id)中的出生日期 \(d) 早于 1900 年"
        case .wrongCheckCharacter(_, let expected):
            return "\(id)的校验码应为 \(expected)"
        }
    }

    private static func show(_ c: Character) -> String {
        if c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "是不可见字符 \(c.unicodeScalars.map(scalarCode).joined())"
        }
        if c.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) {
            return "\"\(c)\"是全角数字"
        }
        return "\"\(c)\""
    }
}

/// 公民身份号码 (GB 11643-1999): 6 digits of region, 8 of birth date, 3 of sequence (the last odd for
/// men), and a check character (ISO 7064 MOD 11-2, `X` for 10).
public enum IDNumber {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Lowercase `x` → `X` (people type it either way); trims nothing else, so that stray spaces are
    /// reported rather than silently repaired.
    public static func normalise(_ s: String) -> String {
        s.replacingOccurrences(of: "x", with: "X")
    }

    /// The check character of 17 ASCII digits; nil for anything else.
    public static func checkCharacter(for first17: String) -> Character? {
        let digits = first17.unicodeScalars.compactMap { isASCIIDigit($0) ? Int($0.value) - 48 : nil }
        guard digits.count == 17, first17.unicodeScalars.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Nil when valid (after `normalise`). Birth dates after today count as in the future.
    public static func validate(_ s: String) -> IDNumberProblem? {
        validate(s, latestBirth: today())
    }

    /// Nil when valid (after `normalise`); a birth date after `latestBirth` is in the future.
    /// The loader passes the end of the audit year so that the result does not depend on the clock.
    public static func validate(_ s: String, latestBirth: CalendarDate) -> IDNumberProblem? {
        let id = normalise(s)
        let chars = Array(id)
        // Foreign characters first: "第 19 位是空格" tells a clerk more than "实际为 19 位".
        if let k = chars.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == "X")) }) {
            return .invalidCharacter(chars[k], position: k + 1)
        }
        guard chars.count == 18 else { return .wrongLength(chars.count) }
        if let k = chars[0..<17].firstIndex(of: "X") { return .invalidCharacter("X", position: k + 1) }
        let digits = String(chars[6..<14])
        guard let birth = birthDate(id) else { return .birthDateNotReal(digits) }
        if birth.year < 1900 { return .birthDateTooEarly(birth) }
        if birth > latestBirth { return .birthDateInFuture(birth, latest: latestBirth) }
        let expected = checkCharacter(for: String(chars[0..<17]))!
        if chars[17] != expected { return .wrongCheckCharacter(found: chars[17], expected: expected) }
        return nil
    }

    /// The birth date of digits 7–14, when those are digits naming a real day.
    public static func birthDate(_ s: String) -> CalendarDate? {
        let chars = Array(normalise(s))
        guard chars.count == 18, chars[6..<14].allSatisfy({ $0.isASCII && $0.isNumber }),
              let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])),
              let d = Int(String(chars[12..<14])) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// From the 17th digit: odd = 男, even = 女.
    public static func gender(_ s: String) -> Gender? {
        let chars = Array(s)
        guard chars.count == 18, chars[16].isASCII, let digit = chars[16].wholeNumberValue else { return nil }
        return digit % 2 == 1 ? .male : .female
    }

    private static func isASCIIDigit(_ u: Unicode.Scalar) -> Bool { (48...57).contains(u.value) }

    /// Today in China (UTC+8), for the clock-based `validate(_:)` only.
    private static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
