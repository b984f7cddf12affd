import Records

/// 四(八)1 论文.
///
/// - A range by journal level: a claim inside is recognised, a claim outside is an error and the
///   lower end is recognised, no claim gives the lower end and the explanation says so.
/// - 个案报道、论文摘要 "按以上级别的20%得分递减": read as 20% less than an ordinary paper of the same
///   level, i.e. the level's range with both ends × 0.8 (issn_cn: 9.6–12.8), not as 20% *of* it.
/// - 会议论文（大会宣读） 6 and 会议收录文章摘要或列题 8 are fixed and need no journal level.
/// - The notice sets no author-rank limit for papers, so `rank` is not read.
enum PaperCalculator {
    static func recognise(_ rule: PaperRule, _ context: RuleContext) -> Outcome {
        var variant: PaperVariant?
        if let key = context.params.variant, !key.isEmpty {
            guard let found = rule.variants.first(where: { $0.key == key }) else {
                let allowed = rule.variants.map { "\($0.key)（\($0.label)）" }.joined(separator: "、")
                return .refused(context, "params.variant「\(key)」不是可用的值，应为 \(allowed) 之一")
            }
            variant = found
        }

        if let variant, case .fixed(let value) = variant.effect {
            var outcome = Outcome(hours: value, text: "\(variant.label) 每篇 = \(HoursFormat.string(value))学时")
            outcome.checkFixedClaim(context.claim)
            return outcome
        }

        let selected = rule.levels.select(context.params)
        guard let level = selected.option else { return .refused(context, selected.error ?? "") }
        var range = level.value
        var text = "\(level.label)\(variant?.label ?? rule.noun) 每篇\(range.text)"
        if let variant, case .reducedPercent(let percent) = variant.effect {
            range = range.reduced(byPercent: percent)
            text += "递减\(percent)%为\(range.text)"
        }
        let pick = RangePick(range, claim: context.claim)
        text += "，\(pick.phrase) = \(HoursFormat.string(pick.hours))学时"
        return Outcome(hours: pick.hours, text: text, errors: pick.error.map { [$0] } ?? [])
    }
}
