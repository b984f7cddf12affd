import Records

/// What the rules make of one person for one audit year: per-activity hours, totals, requirement, verdict.
public struct PersonAssessment: Sendable, Equatable {
    public var year: Int
    public var level: Level
    /// One per activity, in the order of `person.activities`.
    public var activities: [RecognisedHours]
    /// Counted hours of public-subject (公共科目) activities.
    public var publicHours: Double
    /// Counted hours of professional-subject (专业科目) activities.
    public var professionalHours: Double
    /// `publicHours + professionalHours`.
    public var totalHours: Double
    /// 应修学时: 72 for 高级/中级, 40 for 初级.
    public var requiredTotal: Double
    /// 公共科目 minimum: 24.
    public var requiredPublic: Double
    public var verdict: AuditVerdict
    /// Every activity error, prefixed with its path: `activities[1]: 申报学时 40 与认定学时 36 不符`.
    /// Errors do not change the verdict (the hours they concern are either not recognised or
    /// recognised at the rule's value), but a result should not be issued while any remain.
    public var errors: [String]
    /// Every activity warning, prefixed the same way.
    public var warnings: [String]
    /// Credits from earlier years counted in the totals (上年度结转, a diploma still valid), each
    /// naming its source; empty without a ledger.
    public var credits: [LedgerCredit]
    /// Credits this year's activities give to later years; empty without a ledger.
    public var carried: [LedgerCredit]
    /// Whether earlier years were considered (a ledger was given). Without one the year is judged
    /// alone and the reports say so (`Ledger.absentNote`).
    public var historyConsidered: Bool
    /// The policy's clause prefix (细则), for the credits' lines (`LedgerCredit.explanation`).
    public var clausePrefix: String
    /// Where the year stands in its 聘任周期 (细则二), when a ledger was given and a cycle contains the year.
    public var cycle: CycleStanding?

    public init(year: Int, level: Level, activities: [RecognisedHours], publicHours: Double,
                professionalHours: Double, totalHours: Double, requiredTotal: Double, requiredPublic: Double,
                verdict: AuditVerdict, errors: [String], warnings: [String],
                credits: [LedgerCredit] = [], carried: [LedgerCredit] = [], historyConsidered: Bool = false,
                clausePrefix: String = Policy.xuzhou2007.clausePrefix, cycle: CycleStanding? = nil) {
        self.year = year
        self.level = level
        self.activities = activities
        self.publicHours = publicHours
        self.professionalHours = professionalHours
        self.totalHours = totalHours
        self.requiredTotal = requiredTotal
        self.requiredPublic = requiredPublic
        self.verdict = verdict
        self.errors = errors
        self.warnings = warnings
        self.credits = credits
        self.carried = carried
        self.historyConsidered = historyConsidered
        self.clausePrefix = clausePrefix
        self.cycle = cycle
    }

    /// Public hours of the year's own activities, without credits from earlier years.
    public var ownPublicHours: Double { Hours.round(publicHours - Hours.sum(credits.filter { $0.subject == .public }.map(\.hours))) }
    /// Professional hours of the year's own activities, without credits from earlier years.
    public var ownProfessionalHours: Double {
        Hours.round(professionalHours - Hours.sum(credits.filter { $0.subject == .professional }.map(\.hours)))
    }

    public var hasErrors: Bool { !errors.isEmpty }
}

extension PersonAssessment {
    /// Each credit counted this year as one line naming its activity, year and clause.
    public func creditLine(_ credit: LedgerCredit) -> String { credit.explanation(clausePrefix: clausePrefix) }

    /// The 聘任周期 line when the cycle decided the year's hours (`CycleStanding.decided`), else nil.
    public var cycleLine: String? { cycle.flatMap { $0.decided ? $0.explanation : nil } }

    /// The agency's opinion (审验意见): the verdict's, and on a pass the cycle decided, the cycle it rests
    /// on (细则二), so that nobody reads the year's own short hours as a mistake.
    public var opinionText: String {
        guard verdict.isPass, let cycle, cycle.decided else { return verdict.opinionText }
        return "\(verdict.headline)（按\(cycle.name)累计学时，\(CycleStanding.clause)）"
    }
}
