import Foundation
import Hummingbird
import Registry
import Stamping
import WebPages

/// `GET /agency/search?q=`: an agency searches the results it issued (issue 17: 4) by serial, by
/// 公民身份号码 or by name, in its own registry and among its own results only (the registry's
/// `search`, by the agency's code). The person is shown masked as /verify shows them (Masking). Only
/// agencies: a unit's session is refused (403). The form is a GET: it changes nothing, so it carries
/// no CSRF token, which would otherwise land in the address bar and the logs.
struct ResultSearch {
    let access: WebAccess
    let answer: WebAnswer
    /// At most this many results on one page: a name of one character may match many.
    static let limit = 50

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/agency/search") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                let agency = try signedIn.agency()
                let text = String((request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
                var content = Content(agency: agency.profile.name, text: text, searched: !text.isEmpty, summary: "",
                                      results: [], hasResults: false)
                if !text.isEmpty {
                    let (registry, code, logger) = (agency.registry, agency.profile.code, context.logger)
                    let found = try await access.core.pool.compute {
                        do { return try registry.search(agency: code, text: text, limit: Self.limit) } catch {
                            throw ServiceError.registryFailure(error, logger: logger)
                        }
                    }
                    content.results = found.map(Content.Result.init)
                    content.hasResults = !found.isEmpty
                    content.summary = found.isEmpty ? "没有找到与“\(text)”相符的审验结果。"
                        : "找到 \(found.count) 份审验结果" + (found.count == Self.limit ? "（只列出最近的 \(Self.limit) 份，请输入更完整的内容）" : "") + "。"
                }
                return answer.html(.ok, .search, content, frame: signedIn.frame("查询审验结果"))
            }
        }
    }

    /// The page's fields (the template `search`).
    struct Content {
        struct Result {
            var serial: String
            /// Masked: 张*东, **************1239; a unit's 附件2 names the unit alone.
            var person: String
            var idNumber: String
            var unit: String
            var year: String
            var verdict: String
            var date: String
            /// 现行有效, or 已作废 with the serial that replaced it.
            var state: String
            var current: Bool

            init(_ issued: IssuedResult) {
                let content = issued.signed.content
                serial = issued.serial.description
                person = content["person_name"].map(Masking.name) ?? "（单位年度审验表）"
                idNumber = content["person_id"].map(Masking.idNumber) ?? ""
                unit = content["unit"] ?? ""
                year = content["year"] ?? ""
                verdict = content["verdict"] ?? "\(content["passed"] ?? "0") 人合格，\(content["failed"] ?? "0") 人不合格"
                date = content["date"] ?? ""
                current = issued.supersededBy == nil
                state = issued.supersededBy.map { "已作废，由 \($0) 取代" } ?? "现行有效"
            }
        }

        var agency: String
        var text: String
        var searched: Bool
        var summary: String
        var results: [Result]
        var hasResults: Bool
    }
}
