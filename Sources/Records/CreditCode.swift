/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z),
/// the 18th a mod-31 check character over the first 17.
public enum CreditCode {
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// 3^i mod 31, as the standard tabulates them.
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// What is wrong with a code; nil-returning `validate` means nothing.
    public enum Problem: Sendable, Equatable {
        case wrongLength(Int)
        /// A character outside the alphabet, or a letter where the standard wants digits (3rd–8th).
        case invalidCharacter(Character, position: Int)
        case wrongCheckCharacter(found: Character, expected: Character)

        /// `统一社会信用代码 91330100799655058A 的校验码应为 B`
        public func message(for code: String) -> String {
            switch self {
            case .wrongLength(let n):
                return "统一社会信用代码 \(code) 应为 18 位，实际为 \(n) 位"
            case .invalidCharacter(let c, let position):
                return (3...8).contains(position)
                    ? "统一社会信用代码 \(code) 第 \(position) 位\"\(c)\"应为数字（第 3–8 位是行政区划码）"
                    : "统一社会信用代码 \(code) 第 \(position) 位\"\(c)\"无效（只能是数字和除 I、O、S、V、Z 以外的大写字母）"
            case .wrongCheckCharacter(_, let expected):
                return "统一社会信用代码 \(code) 的校验码应为 \(expected)"
            }
        }
    }

    /// Lowercase letters → uppercase; nothing else.
    public static func normalise(_ s: String) -> String { s.uppercased() }

    /// The check character of 17 characters of the alphabet; nil for anything else.
    public static func checkCharacter(for first17: String) -> Character? {
        let values = first17.compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17, first17.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Nil when the code (after `normalise`) matches the pattern of the schema and its check character holds.
    public static func validate(_ s: String) -> Problem? {
        let chars = Array(normalise(s))
        guard chars.count == 18 else { return .wrongLength(chars.count) }
        for (k, c) in chars.enumerated() {
            let ok = (2..<8).contains(k) ? (c.isASCII && c.isNumber) : alphabet.contains(c)
            if !ok { return .invalidCharacter(c, position: k + 1) }
        }
        let expected = checkCharacter(for: String(chars[0..<17]))!
        return chars[17] == expected ? nil : .wrongCheckCharacter(found: chars[17], expected: expected)
    }
}
