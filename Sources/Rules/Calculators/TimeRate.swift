import Records

/// 四(二) 四(四) 四(五) 四(六): a rate per day or month attended, capped at two years of the person's
/// yearly requirement ("一次最多认定两年的学时": 144 for 高级/中级, 80 for 初级).
enum TimeRateCalculator {
    static func recognise(_ rate: TimeRate, _ context: RuleContext) -> Outcome {
        let selected = rate.rates.select(context.params)
        guard let option = selected.option else { return .refused(context, selected.error ?? "") }

        var errors: [String] = []
        let amount: Double
        switch rate.unit {
        case .day:
            guard let days = context.params.days else {
                return .refused(context, ParamText.missing("days", "参加天数"))
            }
            guard days > 0 else { return .refused(context, ParamText.notPositive("days", "\(days)")) }
            if let problem = ParamText.outOfRange("days", days, ValueRanges.days) { return .refused(context, problem) }
            // More days than the dates hold cannot have been attended: an error, and the dates win.
            let span = context.activity.end.dayNumber - context.activity.start.dayNumber + 1
            if span >= 1, days > span {
                errors.append("params.days \(days) 超过起止日期之间的 \(span) 天，按 \(span) 天认定")
                amount = Double(span)
            } else {
                amount = Double(days)
            }
        case .month:
            guard let months = context.params.months else {
                return .refused(context, ParamText.missing("months", "进修月数"))
            }
            guard months > 0 else {
                return .refused(context, ParamText.notPositive("months", HoursFormat.string(months)))
            }
            if let problem = ParamText.outOfRange("months", months, ValueRanges.months) { return .refused(context, problem) }
            // Part months count pro rata: "每月按36学时" is a rate, not a block.
            amount = months
        }

        let raw = Hours.round(amount * option.value)
        var text = "\(option.label) \(HoursFormat.string(amount))\(rate.unit.word)×\(HoursFormat.string(option.value))学时"
            + " = \(HoursFormat.string(raw))学时"
        var hours = raw
        let requirement = context.policy.requirement
        let cap = requirement.cap(for: context.level)
        if rate.capped, raw > cap + Hours.epsilon {
            hours = cap
            text += "，一次最多认定\(HoursFormat.string(requirement.capYears))年的学时"
                + "（\(HoursFormat.string(requirement.capYears))×\(HoursFormat.string(requirement.total(for: context.level)))），"
                + "按\(HoursFormat.string(cap))学时认定"
        }
        var outcome = Outcome(hours: hours, text: text, errors: errors)
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
