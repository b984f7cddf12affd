import Foundation
import Hummingbird
import WebPages

/// An agency's pages (issue 17: 4): `GET /agency`, the units of its districts that submitted, with
/// counts; `POST /agency/stamp`, one submission stamped through the very path of `POST /v1/stamp`
/// (logged in the log of stamp requests like any), answered with the stamped ZIP. Only agencies: a
/// unit's session is refused (403), and so is a submission outside the agency's districts.
struct AgencyPages {
    let access: WebAccess
    let answer: WebAnswer

    struct Content {
        /// A submission, and when it came as a clerk reads it.
        struct Row {
            var submission: Submission
            var time: String
        }

        var agency: String
        var districts: String
        var csrf: String
        var message: String?
        var submissions: [Row]
        var hasSubmissions: Bool
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/agency") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let agency = try signedIn.agency()
                let rows = access.submissions.all().filter { agency.profile.serves($0.district) }.map {
                    Content.Row(submission: $0, time: Self.time($0.submittedAt))
                }
                let content = Content(agency: agency.profile.name, districts: agency.profile.districts.joined(separator: "、"),
                                      csrf: signedIn.session.csrf, message: nil, submissions: rows, hasSubmissions: !rows.isEmpty)
                return answer.html(.ok, .agency, content, frame: signedIn.frame(agency.profile.name))
            }
        }
        router.post("/agency/stamp") { request, context in
            let signedIn = try? access.signedIn(request, context)
            return try await answer.answer(request, frame: signedIn.map { $0.frame("盖章") }) {
                let signedIn = try access.signedIn(request, context)
                let agency = try signedIn.agency()
                let form = try await access.form(request)
                try signedIn.check(form)
                let submissions = access.submissions
                guard let submission = submissions.submission(form.fields["key"] ?? "") else {
                    throw WebRefusal.page(.notFound, heading: "没有这份提交", message: "没有这份提交：请返回审验机构页面刷新后再试。")
                }
                guard agency.profile.serves(submission.district) else {
                    throw WebRefusal.forbidden("单位“\(submission.unit)”不在\(agency.profile.name)的审验范围内。")
                }
                return try await StampRoute(core: access.core).stamp(signedIn.caller, context) {
                    try submissions.records(submission)
                }
            }
        }
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
