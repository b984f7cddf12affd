import Foundation
import Hummingbird
import WebPages

/// An agency's pages (issue 17: 4): `GET /agency`, the units of its districts that submitted, with
/// counts and whether each is stamped; `GET /agency/submission?key=`, one of them as the unit's table,
/// a box to tick per person; `POST /agency/stamp` and `GET /agency/stamped.zip?key=` (StampPage), the
/// submission stamped through the very path of `POST /v1/stamp`, with progress. Only agencies: a
/// unit's session is refused (403), and so is a submission outside the agency's districts.
struct AgencyPages {
    let access: WebAccess
    let answer: WebAnswer

    struct Content {
        var agency: String
        var districts: String
        var csrf: String
        var message: String?
        var submissions: [SubmissionRow]
        var hasSubmissions: Bool
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/agency") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let agency = try signedIn.agency()
                let rows = access.submissions.all().filter { agency.profile.serves($0.district) }.map(SubmissionRow.init)
                let content = Content(agency: agency.profile.name, districts: agency.profile.districts.joined(separator: "、"),
                                      csrf: signedIn.session.csrf, message: nil, submissions: rows, hasSubmissions: !rows.isEmpty)
                return answer.html(.ok, .agency, content, frame: signedIn.frame(agency.profile.name))
            }
        }
        router.get("/agency/submission") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let submission = try self.submission(request.uri.queryParameters.get("key"), for: try signedIn.agency())
                let report = try await access.check(try access.submissions.records(submission), by: signedIn.caller)
                let content = SubmissionContent(unit: submission.unit, year: submission.year, fileName: submission.fileName,
                                                submittedBy: submission.submittedBy, time: Self.time(submission.submittedAt),
                                                key: submission.key, csrf: signedIn.session.csrf, state: SubmissionRow(submission),
                                                report: UnitContent.Report(report, fileName: submission.fileName, previews: false,
                                                                           selectable: true))
                return answer.html(.ok, .submission, content, frame: signedIn.frame(submission.unit))
            }
        }
        router.post("/agency/stamp") { request, context in
            let signedIn = try? access.signedIn(request, context)
            return try await answer.answer(request, frame: signedIn.map { $0.frame("盖章") }) {
                try await StampPage(access: access, answer: answer)
                    .stamp(request, context, try access.signedIn(request, context), submission: self.submission)
            }
        }
        router.get("/agency/stamped.zip") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let submission = try self.submission(request.uri.queryParameters.get("key"), for: try signedIn.agency())
                return try StampPage(access: access, answer: answer).download(submission)
            }
        }
    }

    /// The submission of `key`, if it is of a unit of `agency`'s districts.
    private func submission(_ key: String?, for agency: Agency) throws(WebRefusal) -> Submission {
        guard let submission = access.submissions.submission(key ?? "") else {
            throw .page(.notFound, heading: "没有这份提交", message: "没有这份提交：请返回审验机构页面刷新后再试。")
        }
        guard agency.profile.serves(submission.district) else {
            throw .forbidden("单位“\(submission.unit)”不在\(agency.profile.name)的审验范围内。")
        }
        return submission
    }

    /// One submission's fields (the template `submission`).
    struct SubmissionContent {
        var unit: String
        var year: Int
        var fileName: String
        var submittedBy: String
        var time: String
        var key: String
        var csrf: String
        /// Whether it is stamped, when and by whom.
        var state: SubmissionRow
        var report: UnitContent.Report
    }

    /// 2026-12-03 16:40 in China's time, as a clerk reads it.
    static func time(_ date: Date) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "Asia/Shanghai")
        format.dateFormat = "yyyy-MM-dd HH:mm"
        return format.string(from: date)
    }
}
