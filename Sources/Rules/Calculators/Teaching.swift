import Records

/// 四(十二) 授课: a multiple of the hours taught.
enum MultipleCalculator {
    static func recognise(_ factor: Double, _ context: RuleContext) -> Outcome {
        guard let taught = context.params.taughtHours else {
            return .refused(context, ParamText.missing("taught_hours", "授课学时"))
        }
        guard taught >= 0 else { return .refused(context, ParamText.negative("taught_hours", HoursFormat.string(taught))) }
        if let problem = ParamText.outOfRange("taught_hours", taught, ValueRanges.taughtHours) {
            return .refused(context, problem)
        }
        let hours = Hours.round(taught * factor)
        var outcome = Outcome(hours: hours, text: "\(context.rule.name) \(HoursFormat.string(taught))学时×\(HoursFormat.string(factor))"
            + " = \(HoursFormat.string(hours))学时")
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
