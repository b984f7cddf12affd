import Foundation
import Hummingbird
import Pipeline
import WebPages

/// An agency stamps a unit's submission from its page (issue 17: 4): everyone examined, or only the
/// people ticked in the submission's table, through the very path of `POST /v1/stamp` (StampRoute,
/// logged in the log of stamp requests like any). The answer is a page that streams as the stamp goes
/// — a line per few people, then the outcome and the link to the stamped ZIP — so a browser shows
/// progress without any script. The ZIP and who stamped when are kept with the submission
/// (`GET /agency/stamped.zip?key=` downloads it again later).
struct StampPage {
    let access: WebAccess
    let answer: WebAnswer

    /// `POST /agency/stamp`: the form's `key` and the `person` (公民身份号码) of each box ticked.
    func stamp(_ request: Request, _ context: ServiceRequestContext, _ signedIn: WebAccess.SignedIn,
               submission find: (String?, Agency) throws(WebRefusal) -> Submission) async throws -> Response {
        let agency = try signedIn.agency()
        let form = try await access.form(request)
        try signedIn.check(form)
        let submission = try find(form.fields["key"], agency)
        let ticked = Set(form.all("person").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let selected = ticked.isEmpty ? nil : ticked
        let (submissions, caller, route) = (access.submissions, signedIn.caller, StampRoute(core: access.core))
        let watch = try await StampProgress.start { progress in
            let stamped = try await route.zip(caller, context, selected: selected, progress: progress) {
                try submissions.records(submission)
            }
            try submissions.stamped(submission, zip: stamped.data, Submission.Stamp(
                stampedBy: caller.name, stampedAt: Date(), issued: stamped.report.issued.count,
                skipped: stamped.report.skipped.count))
            return stamped
        }
        let pages = answer.pages
        let start = pages.fragment(.stamping, Starting(unit: submission.unit, year: submission.year,
                                                       chosen: selected.map { "勾选的 \($0.count) 人" } ?? "记录中所有已审验的人员"))
        let pieces = watch.events.map { event in
            switch event {
            case .done(let done, let total):
                return pages.fragment(.stampProgress, Line(done: done, total: total))
            case .stamped(let stamped):
                return pages.fragment(.stamped, Outcome(stamped, key: submission.key))
            case .failed(let refusal):
                return pages.fragment(.stamped, Outcome(failed: refusal.message, key: submission.key))
            }
        }
        return answer.streamed(signedIn.frame("盖章：\(submission.unit)"), opening: start, pieces)
    }

    /// `GET /agency/stamped.zip?key=`: the ZIP of a submission's last stamp.
    func download(_ submission: Submission) throws(ServiceError) -> Response {
        RenderRoute.response(try access.submissions.stampedZip(submission), type: "application/zip",
                             file: "stamped-\(submission.year)-\(submission.key).zip")
    }

    /// The page's beginning (the template `stamping`).
    struct Starting {
        var unit: String
        var year: Int
        /// Whom this stamp is for, in words.
        var chosen: String
    }

    /// One line of progress (the template `stamp-progress`).
    struct Line {
        var done: Int
        var total: Int
    }

    /// The outcome (the template `stamped`): the results issued and what was left, or why it stopped.
    struct Outcome {
        struct Result {
            var subject: String
            var serial: String
            var verdict: String
        }

        var key: String
        var failed: String?
        var summary: String
        var results: [Result]
        /// Each with its subject and reason (the template reads StampReport's own fields).
        var skipped: [StampReport.Skipped]
        var hasSkipped: Bool

        init(_ stamped: StampRoute.Stamped, key: String) {
            let report = stamped.report
            self.key = key
            failed = nil
            let reused = report.issued.count { $0.reused }
            summary = "盖章完成：出具结果 \(report.issued.count) 份" + (reused > 0 ? "（其中 \(reused) 份内容未变，沿用原编号）" : "")
                + "，未盖章 \(report.skipped.count) 项。"
            results = report.issued.map { Result(subject: $0.subject, serial: $0.serial.description, verdict: $0.verdict) }
            skipped = report.skipped
            hasSkipped = !skipped.isEmpty
        }

        init(failed message: String, key: String) {
            self.key = key
            failed = message
            summary = ""
            results = []
            skipped = []
            hasSkipped = false
        }
    }
}
