import Foundation
import Hummingbird
import Pipeline
import Records
import Rules
import Spreadsheet
import WebPages

/// A unit's pages (issue 17: 3): `GET /unit` (the upload form), `POST /unit/check` (upload, check,
/// the table), `GET /unit/print-job.pdf` and `GET /unit/annual-audit.pdf`, drawn from the records last
/// checked in this session by the JSON API's own render path (RenderRoute), `GET /unit/documents.zip`
/// (all of them and every certificate), with previews of their first
/// pages (`GET /unit/preview/annual-audit.png`, `…/registration.png?person=<公民身份号码>`), and `POST /unit/submit`,
/// which keeps those records on the server for the agency (Submissions), with who and when.
struct UnitPages {
    let access: WebAccess
    let answer: WebAnswer
    /// Room for the form's other fields and the multipart headers around the file.
    static let formOverhead = 64 * 1024

    private var core: ServiceCore { access.core }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/unit") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                return page(signedIn, unit: try signedIn.unit())
            }
        }
        router.post("/unit/check") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let unit = try signedIn.unit()
                do {
                    return try await check(request, signedIn, unit: unit)
                } catch let error as ServiceError {
                    // The refusal on the page itself, beside the form to try again.
                    let problems = error.problems.map { UnitContent.Problem(place: $0.place ?? $0.path, message: $0.message) }
                    let message = problems.isEmpty ? error.message
                        : error.message + "\n" + problems.prefix(20).map { "\($0.place) \($0.message)" }.joined(separator: "\n")
                    return page(signedIn, unit: unit, status: error.status, message: message)
                }
            }
        }
        router.post("/unit/submit") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let unit = try signedIn.unit()
                try signedIn.check(try await access.form(request))
                do {
                    return page(signedIn, unit: unit, notice: try await submit(signedIn))
                } catch let error as ServiceError {
                    return page(signedIn, unit: unit, status: error.status, message: error.message)
                }
            }
        }
        router.get("/unit/print-job.pdf") { request, context in
            try await answer.answer(request) {
                try await download(request, context) { try await $0.printJob($1, $2) }
            }
        }
        router.get("/unit/annual-audit.pdf") { request, context in
            try await answer.answer(request) {
                try await download(request, context) { try await $0.annualAudit($1, $2) }
            }
        }
        router.get("/unit/documents.zip") { request, context in
            try await answer.answer(request) {
                // Many people's documents: stopped between people once the clerk leaves or the time is up.
                let budget = RequestBudget(seconds: core.input.limits.requestSeconds, client: await ClientWatch.of(context.channel))
                return try await download(request, context) { try await $0.everything($1, $2, budget) }
            }
        }
        router.get("/unit/preview/annual-audit.png") { request, context in
            try await answer.answer(request) {
                try await download(request, context) { try await $0.preview(.annualAudit, person: nil, $1, $2) }
            }
        }
        router.get("/unit/preview/registration.png") { request, context in
            try await answer.answer(request) {
                let id = request.uri.queryParameters.get("person") ?? ""
                return try await download(request, context) { try await $0.preview(.registration, person: id, $1, $2) }
            }
        }
    }

    private func page(_ signedIn: WebAccess.SignedIn, unit: String, status: HTTPResponse.Status = .ok, message: String? = nil,
                      notice: String? = nil, report: UnitContent.Report? = nil) -> Response {
        let submitted = access.submissions.all().filter { $0.unit == unit }.map(SubmissionRow.init)
        let content = UnitContent(unit: unit, csrf: signedIn.session.csrf, message: message, notice: notice,
                                  maxBytes: Self.size(core.input.limits.bodyBytes), report: report,
                                  submissions: submitted, hasSubmissions: !submitted.isEmpty)
        return answer.html(status, .unit, content, frame: signedIn.frame(unit))
    }

    private func check(_ request: Request, _ signedIn: WebAccess.SignedIn, unit: String) async throws -> Response {
        let limit = core.input.limits.bodyBytes + Self.formOverhead
        let tooLarge = ServiceError(status: .contentTooLarge, code: "too_large",
                                    message: "文件过大：一次最多上传 \(Self.size(core.input.limits.bodyBytes))，请分批上传。")
        let body = try await core.input.bytes(of: request, limit: limit, tooLarge: tooLarge)
        guard let form = WebForm(body, contentType: request.headers[.contentType] ?? "") else { throw WebRefusal.badForm }
        try signedIn.check(form)
        guard let file = form.file, !file.data.isEmpty else {
            return page(signedIn, unit: unit, status: .badRequest, message: "请选择要上传的记录文件。")
        }
        let format = SpreadsheetFormat(fileName: file.name)
        guard format != nil || file.name.lowercased().hasSuffix(".json") else {
            return page(signedIn, unit: unit, status: .unsupportedMediaType,
                        message: "“\(file.name)”不是记录文件：请上传 JSON 记录文件（.json）、Excel 工作簿（.xlsx）或 CSV 文件（.csv）。")
        }
        guard file.data.count <= core.input.limits.bodyBytes else { throw tooLarge }
        let upload = RecordsInput.Body(data: file.data, format: format)
        let report = try await access.check(upload, by: signedIn.caller)
        access.sessions.keep(upload, named: file.name, in: signedIn.session.id)
        return page(signedIn, unit: unit, report: UnitContent.Report(report, fileName: file.name, previews: true))
    }

    /// The records checked last in this session, checked again (a token's unit may have changed since)
    /// and kept for the agency; what the page then says.
    private func submit(_ signedIn: WebAccess.SignedIn) async throws -> String {
        guard let upload = signedIn.session.upload, let name = signedIn.session.uploadName else {
            throw WebRefusal.page(.notFound, heading: "还没有记录", message: "请先在本单位页面上传并检查记录文件，再提交。")
        }
        let (input, pool, caller, logger) = (core.input, core.pool, signedIn.caller, core.logger)
        let (report, district) = try await pool.admit(token: caller.token) {
            let loaded = try await pool.compute { try input.load(upload) }
            try caller.authorize(loaded.records.unit)
            try RenderRoute.refuseRejected(loaded)
            return (try await pool.compute { try CheckReport(loaded, engine: try caller.rules(for: loaded, logger: logger)) },
                    loaded.records.unit.district ?? "")
        }
        let now = Date()
        let submission = Submission(key: Submissions.key(unit: report.unit, year: report.year), unit: report.unit,
                                    district: district, year: report.year, people: report.summary.people,
                                    passing: report.summary.passing, failing: report.summary.failing,
                                    submittedBy: caller.name, submittedAt: now, fileName: name, format: upload.format?.rawValue)
        try access.submissions.keep(submission, records: upload.data)
        return "已于 \(AgencyPages.time(now)) 把 \(report.year) 年度 \(report.summary.people) 人的记录（\(name)）提交给审验机构。"
    }

    /// A unit's document from the records checked last in this session.
    private func download(_ request: Request, _ context: ServiceRequestContext,
                          _ draw: @escaping @Sendable (RenderRoute, LoadedRecords, RulesEngine) async throws -> Response) async throws -> Response {
        let signedIn = try access.signedIn(request, context)
        _ = try signedIn.unit()
        guard let upload = signedIn.session.upload else {
            throw WebRefusal.page(.notFound, heading: "还没有记录", message: "请先在本单位页面上传并检查记录文件，再下载。")
        }
        let (input, pool, caller, render) = (core.input, core.pool, signedIn.caller, RenderRoute(core: core))
        return try await pool.admit(token: caller.token) {
            let loaded = try await pool.compute { try input.load(upload) }
            try caller.authorize(loaded.records.unit)
            return try await draw(render, loaded, try await render.rules(of: caller, for: loaded, context.logger))
        }
    }

    /// 8 MB, 512 KB: a limit in words a clerk reads.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(max(1, bytes >> 10)) KB"
    }
}
