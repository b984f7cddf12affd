import Records
import Rules

/// 审验意见: the words an audit agency puts on the documents it stamps, and nobody else. An unstamped
/// document leaves the agency's box blank whatever the records say; these texts reach a page only
/// through a stamp.
public enum AgencyOpinion {
    /// On a person's documents: the rules' verdict, an agency's override included —
    /// `继续教育审验合格` (with the 聘任周期 it rests on, when the cycle decided it), or
    /// `继续教育审验不合格：` and every reason.
    public static func person(_ assessment: PersonAssessment) -> String { assessment.opinionText }

    /// On the unit's 附件2, once every person on it has a result.
    public static func roster(passed: Int, failed: Int) -> String {
        "经审验，本单位\(AuditVerdict.tally(passed: passed, failed: failed))。"
    }
}
