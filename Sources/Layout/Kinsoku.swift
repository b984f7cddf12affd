/// Chinese line-breaking rules (避头尾): characters that may not start a line, characters that may not
/// end one, and pairs that may not be split. Pango's UAX #14 breaks keep most of these; it still lets
/// "——" and "……" split or start a line, and closing quotes start one, and it splits a number that
/// does not fit the width. This pass moves breaks back until every boundary is allowed.
public enum Kinsoku {
    /// May not start a line.
    static let noLineStart: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "〉", "”", "’",
        "…", "—", "·", "％", "‰", "℃", ",", ".", ";", ":", "?", "!", ")", "]", "}", "%",
    ]
    /// May not end a line.
    static let noLineEnd: Set<Character> = ["（", "《", "「", "『", "【", "〔", "〈", "“", "‘", "(", "[", "{"]

    /// Whether a line may end with `before` and the next start with `after`.
    public static func allowsBreak(between before: Character, and after: Character) -> Bool {
        if noLineStart.contains(after) || noLineEnd.contains(before) { return false }
        return !keepsTogether(before, after)
    }

    /// Whether the two are parts of one number or date, which a line never splits: 10.25 printed as
    /// "10.2" over "5" reads as another number. Digits stay with digits and ASCII letters (A4, GB32100),
    /// with the decimal point, thousands comma and percent sign that follow, with a digit after a
    /// point or comma, and with 年, 月, 日 and the like that close a date or time part
    /// (2017年2月10日 may break only after 年, 月 or 日).
    public static func keepsTogether(_ before: Character, _ after: Character) -> Bool {
        if isDigit(before) { return isDigit(after) || isLetter(after) || numberTail.contains(after) }
        if isDigit(after) { return isLetter(before) || numberInner.contains(before) }
        return false
    }

    private static let numberTail: Set<Character> = [".", ",", "%", "％", "‰", "年", "月", "日", "号", "时", "分", "秒"]
    private static let numberInner: Set<Character> = [".", ","]
    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    private static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }

    /// How many characters to move from the end of `line` to the start of the next line, which starts
    /// with `next`, so that the boundary is allowed. Never empties the line (a lone forbidden pair
    /// stays rather than looping forever).
    public static func charactersToCarry(from line: [Character], before next: Character) -> Int {
        var end = line.count
        var following = next
        while end > 1, !allowsBreak(between: line[end - 1], and: following) {
            following = line[end - 1]
            end -= 1
        }
        return end == 1 && !allowsBreak(between: line[0], and: following) ? 0 : line.count - end
    }
}
