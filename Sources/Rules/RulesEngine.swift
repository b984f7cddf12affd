import Records

/// Applies a `Policy` to people. Pure: no I/O, no clock; the same person and year give the same answer.
public struct RulesEngine: Sendable {
    public let policy: Policy
    /// The earlier years (学时台账) of the people assessed; nil when none was given, and each year is
    /// then judged on its own records alone, as before the ledger existed.
    public let ledger: Ledger?

    public init(policy: Policy = .xuzhou2007, ledger: Ledger? = nil) {
        self.policy = policy
        self.ledger = ledger
    }

    /// Hours, totals and verdict of one person for one audit year.
    public func assess(_ person: Person, year: Int) -> PersonAssessment {
        var results = person.activities.map { recognise($0, level: person.level, year: year) }
        SameProject.apply(policy.sameProject, clausePrefix: policy.clausePrefix, activities: person.activities,
                          results: &results)
        var credits: [LedgerCredit] = []
        var carried: [LedgerCredit] = []
        if let ledger {
            credits = ledger.credits(into: year, idNumber: person.idNumber)
            carried = AcrossYears(policy: policy, year: year, level: person.level, ledgerCredits: credits)
                .apply(person.activities, &results)
        }

        let pairs = zip(person.activities, results)
        func hours(_ subject: Subject) -> Double {
            Hours.sum(pairs.filter { $0.0.subject == subject }.map { $0.1.countedHours }
                + credits.filter { $0.subject == subject }.map(\.hours))
        }
        let publicHours = hours(.public)
        let professionalHours = hours(.professional)
        let totalHours = Hours.sum([publicHours, professionalHours])
        let requiredTotal = policy.requirement.total(for: person.level)
        let requiredPublic = policy.requirement.yearlyPublic

        // In a 聘任周期 (细则二) the hours are read over the cycle's years so far (CycleStanding); that needs
        // the earlier years, so without a ledger the year is judged alone, as the report's note says.
        let cycle = ledger.flatMap { ledger in
            person.appointmentCycle.flatMap {
                CycleStanding(cycle: $0, year: year, earlier: ledger.entries(idNumber: person.idNumber, before: year),
                              publicHours: publicHours, totalHours: totalHours,
                              requiredPublic: requiredPublic, requiredTotal: requiredTotal)
            }
        }
        var reasons = HoursShortfall.reasons(publicHours: publicHours, totalHours: totalHours,
                                             requiredPublic: requiredPublic, requiredTotal: requiredTotal, cycle: cycle)
        for result in results where result.counted {
            if let reason = result.auditReason, !reasons.contains(reason) { reasons.append(reason) }
        }
        let verdict = (reasons.isEmpty ? AuditVerdict.pass : .fail(reasons: reasons)).overridden(by: person.audit)

        func prefixed(_ keyPath: KeyPath<RecognisedHours, [String]>) -> [String] {
            results.enumerated().flatMap { index, result in result[keyPath: keyPath].map { "activities[\(index)]: \($0)" } }
        }
        return PersonAssessment(
            year: year, level: person.level, activities: results,
            publicHours: publicHours, professionalHours: professionalHours, totalHours: totalHours,
            requiredTotal: requiredTotal, requiredPublic: requiredPublic, verdict: verdict,
            errors: prefixed(\.errors), warnings: prefixed(\.warnings),
            credits: credits, carried: carried, historyConsidered: ledger != nil,
            clausePrefix: policy.clausePrefix, cycle: cycle
        )
    }

    /// One activity on its own (the same-project rule, which compares activities, is applied by `assess`).
    public func recognise(_ activity: Activity, level: Level, year: Int) -> RecognisedHours {
        guard let rule = policy.rule(for: activity.kind) else {
            let error = "\(policy.source)没有「\(activity.kind.rawValue)」的认定规则"
            return RecognisedHours(kind: activity.kind, hours: 0, clause: "", explanation: "\(error)，不认定学时",
                                   counted: false, form: activity.form ?? "", errors: [error])
        }
        let context = RuleContext(policy: policy, rule: rule, activity: activity, level: level, year: year)
        // A claim out of its range (only an activity built in code can hold one) is refused, so that no
        // rule does arithmetic on it.
        let outcome = activity.hours.flatMap { claim in
            ValueRanges.hours.range.contains(claim) ? nil
                : Outcome.refused(context, "申报学时 \(HoursFormat.string(claim)) 应在 0 到 \(HoursFormat.string(ValueRanges.hours.range.upperBound)) 之间（\(ValueRanges.hours.why)）")
        } ?? Self.measure(rule.measure, context)

        var hours = outcome.hours
        var explanation = outcome.text + "（\(policy.clausePrefix)\(rule.clause)）"
        var warnings = outcome.warnings
        // An activity counts toward the year of its end date; a rule may decide otherwise (diplomas).
        let counted = outcome.counted ?? (activity.end.year == year)
        if !counted {
            let note = outcome.yearNote ?? "结束于\(activity.end.year)年，不计入\(year)年度"
            explanation += "；" + note
            warnings.append(note)
        }

        // Public-subject courses must be assessed as passed: one that is not gives no hours and fails
        // the audit, whether the result is a failure or missing (no proof of the assessment): the 2016
        // notice's "当年度公共科目培训课程经考核是否合格", which the reason names.
        var auditReason: String?
        if activity.subject == .public, counted {
            let check = AssessmentCheck(activity.assessment, standard: policy.assessment)
            if !check.passed {
                hours = 0
                if let given = check.given {
                    auditReason = "公共科目《\(activity.content)》考核未合格（\(HoursShortfall.notice)）"
                    explanation += "；公共科目考核未合格（考核结果：\(given)），不认定学时"
                } else {
                    auditReason = "公共科目《\(activity.content)》无考核结果（\(HoursShortfall.notice)）"
                    explanation += "；公共科目无考核结果，不认定学时"
                }
            }
        }

        return RecognisedHours(kind: activity.kind, hours: hours, clause: rule.clause, explanation: explanation,
                               counted: counted, form: activity.form ?? rule.defaultForm,
                               errors: outcome.errors, warnings: warnings, auditReason: auditReason)
    }

    private static func measure(_ measure: Measure, _ context: RuleContext) -> Outcome {
        switch measure {
        case .approvedHours(let phrase): return ApprovedHoursCalculator.recognise(phrase, context)
        case .perTime(let rate): return TimeRateCalculator.recognise(rate, context)
        case .degreeStudy(let rule): return DegreeStudyCalculator.recognise(rule, context)
        case .perCourse(let hours): return PerCourseCalculator.recognise(hours, context)
        case .perChars(let hours, let chars): return PerCharsCalculator.recognise(hours, block: chars, context)
        case .paper(let rule): return PaperCalculator.recognise(rule, context)
        case .graded(let rule): return AwardCalculator.recognise(rule, context)
        case .fixed(let rates, let maxRank): return FixedCalculator.recognise(rates, maxRank: maxRank, context)
        case .assessedRange(let range): return SelfStudyCalculator.recognise(range, context)
        case .multiple(let factor): return MultipleCalculator.recognise(factor, context)
        }
    }
}
