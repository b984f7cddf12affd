import Records

/// What the rules make of one activity.
public struct RecognisedHours: Sendable, Equatable {
    public var kind: ActivityKind
    /// The hours the rule recognises for this activity (0 when it recognises nothing: a missing
    /// param, a rank beyond the limit, a public course not passed, the lower side of a same project).
    public var hours: Double
    /// The clause that gave them, e.g. `四(五)`.
    public var clause: String
    /// One line in Chinese, e.g. `全国性学术会议 3天×12学时 = 36学时（细则四(五)）`.
    public var explanation: String
    /// Whether `hours` go into the audit year's totals (false for an activity ending in another year,
    /// unless a diploma is still valid that year).
    public var counted: Bool
    /// 学习形式 to print: the record's, or the rule's default.
    public var form: String
    /// Problems in the record the clerk must fix (claim differs, param missing or unknown, …).
    public var errors: [String]
    /// Things to look at that do not make the record wrong.
    public var warnings: [String]
    /// Set when this activity alone fails the audit: a public-subject course of the year not assessed
    /// as passed, e.g. `公共科目《专业技术人员职业道德》考核未合格（2016年通知）`.
    public var auditReason: String?
    /// The part of `hours` credited to the following year (上年度结转 there), with a ledger only.
    public var carriedHours: Double = 0
    /// Set on a degree record repeated after its graduation year that counts here (the ledger does not
    /// already credit the diploma): the credit it stands for, so that the ledger counts it once.
    public var recordCredit: LedgerCredit?

    public init(kind: ActivityKind, hours: Double, clause: String, explanation: String, counted: Bool,
                form: String, errors: [String] = [], warnings: [String] = [], auditReason: String? = nil) {
        self.kind = kind
        self.hours = hours
        self.clause = clause
        self.explanation = explanation
        self.counted = counted
        self.form = form
        self.errors = errors
        self.warnings = warnings
        self.auditReason = auditReason
    }

    /// The hours this activity adds to the audit year.
    public var countedHours: Double { counted ? Hours.round(hours - carriedHours) : 0 }
}
