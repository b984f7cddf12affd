import Records

/// 四(十一) 自学: "考核成绩合格者…按48-72学时予以认定". A range like papers (claim inside accepted,
/// outside an error and the lower end, none the lower end), but only once the activity's own
/// assessment is a pass; otherwise nothing, with a warning (the person may simply not be assessed yet).
enum SelfStudyCalculator {
    static func recognise(_ range: HourRange, _ context: RuleContext) -> Outcome {
        let assessment = AssessmentCheck(context.activity.assessment, standard: context.policy.assessment)
        guard assessment.passed else {
            let why = assessment.given.map { "考核未合格（考核结果：\($0)）" } ?? "无考核结果"
            return Outcome(hours: 0, text: "\(context.rule.name) \(why)，不认定学时",
                           warnings: ["自学须经考核合格才认定学时（\(why)）"])
        }
        let pick = RangePick(range, claim: context.claim)
        return Outcome(hours: pick.hours,
                       text: "\(context.rule.name)（考核合格） \(range.text)，\(pick.phrase) = \(HoursFormat.string(pick.hours))学时",
                       errors: pick.error.map { [$0] } ?? [])
    }
}
