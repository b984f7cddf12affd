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

    public init(year: Int, level: Level, activities: [RecognisedHours], publicHours: Double,
                professionalHours: Double, totalHours: Double, requiredTotal: Double, requiredPublic: Double,
                verdict: AuditVerdict, errors: [String], warnings: [String]) {
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
    }

    public var hasErrors: Bool { !errors.isEmpty }
}
