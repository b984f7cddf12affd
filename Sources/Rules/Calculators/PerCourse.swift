import Records

/// 四(七) 自学考试 (36 per course) and 四(十三) 资格考试 (24 per subject): hours per course passed.
enum PerCourseCalculator {
    static func recognise(_ perCourse: Double, _ context: RuleContext) -> Outcome {
        guard let courses = context.params.courses else {
            return .refused(context, ParamText.missing("courses", "通过门数"))
        }
        guard courses >= 0 else { return .refused(context, ParamText.negative("courses", "\(courses)")) }
        if let problem = ParamText.outOfRange("courses", courses, ValueRanges.courses) { return .refused(context, problem) }
        let hours = Hours.round(Double(courses) * perCourse)
        var outcome = Outcome(hours: hours, text: "\(context.rule.name) 通过\(courses)门×\(HoursFormat.string(perCourse))学时"
            + " = \(HoursFormat.string(hours))学时")
        outcome.checkFixedClaim(context.claim)
        return outcome
    }
}
