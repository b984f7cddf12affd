import Records

/// What the 细则 counts over more than one year, applied to one person's year when a ledger is given.
struct AcrossYears {
    let policy: Policy
    let year: Int
    let level: Level
    /// The credits the ledger's earlier years give this year.
    let ledgerCredits: [LedgerCredit]

    /// Splits capped activities between this year and the next, marks repeated diplomas, and returns
    /// the credits this year's activities give to later years. Only the activities' own records
    /// decide what they give (see `Ledger`), so the result never depends on what a later year used.
    func apply(_ activities: [Activity], _ results: inout [RecognisedHours]) -> [LedgerCredit] {
        var carried: [LedgerCredit] = []
        var counted = Set(ledgerCredits.map(\.key))
        for index in results.indices where results[index].counted && results[index].hours > Hours.epsilon {
            let activity = activities[index]
            guard let rule = policy.rule(for: activity.kind) else { continue }
            switch rule.measure {
            case .perTime(let rate) where rate.capped:
                if let credit = carryOver(activity, rule, &results[index]) { carried.append(credit) }
            case .degreeStudy(let degree) where Self.graduated(activity):
                if activity.end.year == year {
                    carried += diplomaYears(activity, rule, degree, results[index].hours)
                } else {
                    repeatedDiploma(activity, rule, &results[index], counted: &counted)
                }
            default:
                continue
            }
        }
        return carried
    }

    /// 四(二)(四)(五)(六) "一次最多认定两年的学时": the activity, already capped at two years'
    /// requirement, counts one year's requirement to the year it ends in and the rest to the following
    /// year. Which part stays does not depend on the person's other activities, so the credit follows
    /// from this one record.
    private func carryOver(_ activity: Activity, _ rule: Rule, _ result: inout RecognisedHours) -> LedgerCredit? {
        let requirement = policy.requirement.total(for: level)
        let carry = Hours.round(result.hours - requirement)
        guard carry > Hours.epsilon else { return nil }
        result.carriedHours = carry
        result.explanation += "；其中\(HoursFormat.string(requirement))学时计入\(year)年度，"
            + "\(HoursFormat.string(carry))学时结转\(year + 1)年度（\(policy.clausePrefix)\(rule.clause)，一次最多认定两年的学时）"
        return LedgerCredit(reason: .carryOver, sourceYear: year, targetYear: year + 1, kind: activity.kind,
                            clause: rule.clause, content: activity.content, subject: activity.subject, hours: carry)
    }

    /// 四(三) "取得毕业或结业证书的，从毕业当年起认定三年内有效": the graduation year's record gives the
    /// diploma's hours to each later year of its validity, whether or not those years' records repeat it.
    private func diplomaYears(_ activity: Activity, _ rule: Rule, _ degree: DegreeRule, _ hours: Double) -> [LedgerCredit] {
        guard degree.diplomaYears > 1 else { return [] }
        return (1..<degree.diplomaYears).map { offset in
            LedgerCredit(reason: .diploma, sourceYear: year, targetYear: year + offset, kind: activity.kind,
                         clause: rule.clause, content: activity.content, subject: activity.subject, hours: hours)
        }
    }

    /// A degree record of an earlier graduation, repeated in this year's records: it counts only when
    /// neither the ledger nor another record of the year already counts that diploma (四(三): one
    /// diploma, 72 hours a year).
    private func repeatedDiploma(_ activity: Activity, _ rule: Rule, _ result: inout RecognisedHours,
                                 counted: inout Set<LedgerCredit.Key>) {
        let credit = LedgerCredit(reason: .diploma, sourceYear: activity.end.year, targetYear: year, kind: activity.kind,
                                  clause: rule.clause, content: activity.content, subject: activity.subject,
                                  hours: result.hours)
        if counted.insert(credit.key).inserted {
            result.recordCredit = credit
        } else {
            result.counted = false
            result.explanation += "；\(activity.end.year)年毕业证书的学时已计入\(year)年度，不重复计算"
                + "（\(policy.clausePrefix)\(rule.clause)）"
        }
    }

    /// `params.graduated: true` (the calculator reports any other value as an error).
    static func graduated(_ activity: Activity) -> Bool { activity.params.other["graduated"] == .bool(true) }
}

extension Ledger {
    /// What the reports say when no ledger was given.
    public static let absentNote = "未提供学时台账（审验登记库或 --ledger 文件），以前年度结转的学时、学历证书和聘任周期（细则二）内以前年度的学时未予考虑，本年度按当年记录单独审验"
}

extension RulesEngine {
    /// What every report of this engine's results says on the whole (check, render, the service): without
    /// a ledger, that earlier years were not considered (`Ledger.absentNote`); nil with one.
    public var notes: [String]? { ledger == nil ? [Ledger.absentNote] : nil }
}
