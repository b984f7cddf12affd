import Records

/// 四(九)1 科技进步奖: "同一级别各等级之间相差12学时，成果获奖者限前五名".
///
/// Grade 1 (一等奖) gets the top of the level's range and each further grade 12 less; a grade that
/// would fall below the range (三等奖 where the range spans two grades) gets the lower end, with a
/// warning. Grade and rank are required (both are on the award certificate); rank 6 and beyond get 0,
/// which is the rule's answer and not an error in the record.
enum AwardCalculator {
    static func recognise(_ rule: GradedRule, _ context: RuleContext) -> Outcome {
        let selected = rule.levels.select(context.params)
        guard let level = selected.option else { return .refused(context, selected.error ?? "") }
        guard let grade = context.params.grade else {
            return .refused(context, ParamText.missing("grade", "获奖等级，1 为一等奖"))
        }
        guard grade >= 1 else { return .refused(context, "params.grade 应为 1（一等奖）、2（二等奖）…，现为 \(grade)") }
        if let problem = ParamText.outOfRange("grade", grade, ValueRanges.grade) { return .refused(context, problem) }
        guard let rank = context.params.rank else {
            return .refused(context, ParamText.missing("rank", "获奖者排名"))
        }
        guard rank >= 1 else { return .refused(context, ParamText.notPositive("rank", "\(rank)")) }
        if let problem = ParamText.outOfRange("rank", rank, ValueRanges.rank) { return .refused(context, problem) }

        let name = "\(level.label)\(ChineseNumeral.string(grade))等奖"
        var outcome: Outcome
        if rank > rule.maxRank {
            outcome = Outcome(hours: 0, text: "\(name) 获奖者第\(rank)名，限前\(rule.maxRank)名认定，不认定学时")
        } else {
            let stepped = level.value.high - rule.step * Double(grade - 1)
            let hours = Hours.round(max(stepped, level.value.low))
            var text = "\(name) 第\(rank)名，\(level.value.text)"
            if grade > 1 { text += "，各等级相差\(HoursFormat.string(rule.step))学时" }
            if stepped < level.value.low - Hours.epsilon {
                text += "，低于本级下限，按下限"
                outcome = Outcome(hours: hours, text: text + " = \(HoursFormat.string(hours))学时",
                                  warnings: ["\(name)按各等级相差\(HoursFormat.string(rule.step))学时计算低于本级 \(level.value.text)，按下限 \(HoursFormat.string(hours)) 学时认定"])
            } else {
                outcome = Outcome(hours: hours, text: text + " = \(HoursFormat.string(hours))学时")
            }
        }
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
