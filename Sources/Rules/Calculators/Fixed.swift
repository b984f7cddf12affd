import Records

/// 四(九)1 成果验收, 四(九)2 专利, 四(十) 新技术: a fixed value per item chosen by `params.level`.
/// Where the rule limits ranks ("合作者限5名之内") the rank is required and beyond the limit gives 0.
enum FixedCalculator {
    static func recognise(_ rates: Choice<Double>, maxRank: Int?, _ context: RuleContext) -> Outcome {
        let selected = rates.select(context.params)
        guard let option = selected.option else { return .refused(context, selected.error ?? "") }
        var outcome: Outcome
        if let maxRank {
            guard let rank = context.params.rank else {
                return .refused(context, ParamText.missing("rank", "合作者排名"))
            }
            guard rank >= 1 else { return .refused(context, ParamText.notPositive("rank", "\(rank)")) }
            if let problem = ParamText.outOfRange("rank", rank, ValueRanges.rank) { return .refused(context, problem) }
            if rank > maxRank {
                outcome = Outcome(hours: 0, text: "\(option.label) 合作者第\(rank)名，限前\(maxRank)名认定，不认定学时")
            } else {
                outcome = Outcome(hours: option.value,
                                  text: "\(option.label) 第\(rank)名，每项 = \(HoursFormat.string(option.value))学时")
            }
        } else {
            outcome = Outcome(hours: option.value, text: "\(option.label) 每项 = \(HoursFormat.string(option.value))学时")
        }
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
