/// Chinese line-breaking rules (避头尾): characters that may not start a line, characters that may not
/// end one, and pairs that may not be split. Pango's UAX #14 breaks keep most of these; it still lets
/// "——" and "……" split or start a line, and closing quotes start one. This pass moves breaks back until
/// every boundary is allowed.
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
        return true
    }

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
