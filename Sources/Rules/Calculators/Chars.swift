import Records

/// 四(八)2–4 专著, 译文, 报告: hours per block of characters.
///
/// Whole blocks only: "每1000字按3学时" recognises 3 for each full 1000, nothing for a remainder
/// (2500 字 → 6). No two-year cap: the notice writes it only for per-day and per-month rules.
enum PerCharsCalculator {
    static func recognise(_ perBlock: Double, block: Int, _ context: RuleContext) -> Outcome {
        guard let chars = context.params.chars else {
            return .refused(context, ParamText.missing("chars", "字数"))
        }
        guard chars >= 0 else { return .refused(context, ParamText.negative("chars", "\(chars)")) }
        if let problem = ParamText.outOfRange("chars", chars, ValueRanges.chars) { return .refused(context, problem) }
        let blocks = block > 0 ? chars / block : 0
        let remainder = block > 0 ? chars % block : chars
        let hours = Hours.round(Double(blocks) * perBlock)
        var text = "\(context.rule.name) \(chars)字，每\(block)字\(HoursFormat.string(perBlock))学时，"
            + "\(blocks)×\(HoursFormat.string(perBlock))学时 = \(HoursFormat.string(hours))学时"
        if remainder > 0 { text += "（余\(remainder)字不足\(block)字，不计）" }
        var outcome = Outcome(hours: hours, text: text)
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
