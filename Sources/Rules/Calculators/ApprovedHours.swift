import Records

/// 四(一) 基地培训班 and 四(十四) 远程培训: the hours an authority approved or published.
enum ApprovedHoursCalculator {
    static func recognise(_ phrase: String, _ context: RuleContext) -> Outcome {
        let name = context.rule.name
        if let approved = context.params.approvedHours {
            guard approved >= 0 else {
                return .refused(context, ParamText.negative("approved_hours", HoursFormat.string(approved)))
            }
            if let problem = ParamText.outOfRange("approved_hours", approved, ValueRanges.approvedHours) {
                return .refused(context, problem)
            }
            let hours = Hours.round(approved)
            var outcome = Outcome(hours: hours, text: "\(name) \(phrase) = \(HoursFormat.string(hours))学时")
            outcome.checkFixedClaim(context.claim)
            return outcome
        }
        // No approved hours in the record: the claim stands in, with a warning, because these
        // hours are printed on the course certificate the unit has already checked (notice 一.1).
        if let claim = context.claim {
            let hours = Hours.round(claim)
            return Outcome(
                hours: hours,
                text: "\(name) 未提供批准学时，暂按申报学时 = \(HoursFormat.string(hours))学时",
                warnings: ["未提供 params.approved_hours（批准学时），暂按申报学时 \(HoursFormat.string(hours)) 认定"]
            )
        }
        return .refused(context, ParamText.missing("approved_hours", "批准学时"))
    }
}
