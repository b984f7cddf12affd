import Records
import Rules

/// One person's row on the unit's 附件2 (年度审验表): only what the roster shows, so that a roster of
/// any length is built without keeping every person's record and assessment.
public struct RosterEntry: Sendable, Equatable {
    public var name: String
    /// 公民身份号码
    public var idNumber: String
    /// 职称（级别）, as printed.
    public var titleAndLevel: String
    public var publicHours: Double
    public var professionalHours: Double
    public var totalHours: Double
    /// The rules' verdict (an override included).
    public var passed: Bool
    /// 审验日期, once an agency has examined the person.
    public var auditDate: CalendarDate?

    public init(_ person: Person, _ assessment: PersonAssessment) {
        name = person.name
        idNumber = person.idNumber
        titleAndLevel = Formatting.titleAndLevel(person)
        publicHours = assessment.publicHours
        professionalHours = assessment.professionalHours
        totalHours = assessment.totalHours
        passed = assessment.verdict.isPass
        auditDate = person.audit?.date
    }

    /// A row as `Roster` unpacks it.
    init(name: String, idNumber: String, titleAndLevel: String, publicHours: Double, professionalHours: Double,
         totalHours: Double, passed: Bool, auditDate: CalendarDate?) {
        self.name = name
        self.idNumber = idNumber
        self.titleAndLevel = titleAndLevel
        self.publicHours = publicHours
        self.professionalHours = professionalHours
        self.totalHours = totalHours
        self.passed = passed
        self.auditDate = auditDate
    }

    /// 审验结果 on the roster. On the agency's stamped form: the verdict. Otherwise the agency has not
    /// spoken on this paper (an `audit` in the records is not its word), so the column says whether
    /// the hours meet the requirement, marked as awaiting audit — never 合格.
    func result(stamped: Bool) -> String {
        if stamped { return AuditVerdict.word(pass: passed) }
        return passed ? "达到要求（待审验）" : "未达要求（待审验）"
    }
}
