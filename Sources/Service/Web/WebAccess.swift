import Hummingbird
import Pipeline
import WebPages

/// Who a page's request comes from: the session of its cookie, and the caller of that session's token
/// as the configuration has it now.
struct WebAccess: Sendable {
    let core: ServiceCore
    let sessions: WebSessions
    let submissions: Submissions

    struct SignedIn: Sendable {
        var session: WebSession
        var caller: Caller

        /// The frame of this session's pages: who is signed in, and the sign-out form's CSRF token.
        func frame(_ title: String) -> WebPages.Frame {
            WebPages.Frame(title: title, signedInAs: caller.name, csrf: session.csrf)
        }

        /// The unit a unit's session works for; any other session is refused (403).
        func unit() throws(WebRefusal) -> String {
            guard case .unit(let name) = caller.role else {
                throw .forbidden("此页面只供单位使用：请用本单位的访问令牌登录。")
            }
            return name
        }

        /// The agency of an agency's session; any other session is refused (403).
        func agency() throws(WebRefusal) -> Agency {
            guard case .agency(let agency) = caller.role else {
                throw .forbidden("此页面只供审验机构使用：单位的登录不能查看审验机构的页面。")
            }
            return agency
        }

        /// A posted form carries this session's CSRF token, or it is refused.
        func check(_ form: WebForm) throws(WebRefusal) {
            guard let sent = form.fields["csrf"], TokenDigest.equal(Array(sent.utf8), Array(session.csrf.utf8)) else {
                throw .badForm
            }
        }
    }

    /// The open session of `request`, its token still configured; else back to sign-in.
    func signedIn(_ request: Request, _ context: ServiceRequestContext) throws(WebRefusal) -> SignedIn {
        guard let id = WebCookie.value(WebCookie.session, in: request), let session = sessions.session(id),
              let caller = core.gatekeeper.caller(digest: session.token) else {
            throw .signIn(.expired)
        }
        context.tokenName.withLockedValue { $0 = caller.name }
        return SignedIn(session: session, caller: caller)
    }

    /// The most a form without a file can be: a token, the CSRF field, a key.
    static let formBytes = 16 * 1024

    /// A posted form without a file (sign-in, sign-out, submit, stamp).
    func form(_ request: Request) async throws -> WebForm {
        let tooLarge = ServiceError(status: .contentTooLarge, code: "too_large", message: "表单内容过大。")
        let body = try await core.input.bytes(of: request, limit: Self.formBytes, tooLarge: tooLarge)
        guard let form = WebForm(body, contentType: request.headers[.contentType] ?? "") else {
            throw WebRefusal.badForm
        }
        return form
    }

    /// The check report of `records`, which must be `caller`'s to see, as one of the requests at work:
    /// an agency's with its registry's ledger, a unit's of the year alone with the note (`Caller.rules`).
    func check(_ records: RecordsInput.Body, by caller: Caller) async throws -> CheckReport {
        let (input, pool, logger) = (core.input, core.pool, core.logger)
        return try await pool.admit(token: caller.token) {
            let loaded = try await pool.compute { try input.load(records) }
            try caller.authorize(loaded.records.unit)
            return try await pool.compute { try CheckReport(loaded, engine: try caller.rules(for: loaded, logger: logger)) }
        }
    }

    /// Where a caller's pages start.
    static func home(of caller: Caller) -> String? {
        switch caller.role {
        case .unit: return "/unit"
        case .agency: return "/agency"
        case .bureau: return nil
        }
    }
}
