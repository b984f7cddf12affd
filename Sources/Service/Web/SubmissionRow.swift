import Foundation

/// A submission as the agency's list and the unit's page show it (the templates read these fields):
/// when it came and from whom, and whether it is stamped — when, by whom, with what came of it.
struct SubmissionRow {
    var submission: Submission
    var time: String
    var stamped: Bool
    /// "未盖章", or "已盖章：<token> 于 <time>，出具结果 N 份，未盖章 M 项".
    var state: String

    init(_ submission: Submission) {
        self.submission = submission
        time = AgencyPages.time(submission.submittedAt)
        stamped = submission.stamp != nil
        state = submission.stamp.map {
            "已盖章：\($0.stampedBy) 于 \(AgencyPages.time($0.stampedAt))，出具结果 \($0.issued) 份，未盖章 \($0.skipped) 项"
        } ?? "未盖章"
    }
}
