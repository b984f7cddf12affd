import Foundation
import Hummingbird
import WebPages

/// `GET /` (to the caller's page, or sign-in), `GET|POST /sign-in`, `POST /sign-out`.
struct SessionRoutes {
    let access: WebAccess
    let answer: WebAnswer
    struct SignInContent {
        var message: String?
        var csrf: String
        var minutes: Int
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/") { request, context in
            guard let signedIn = try? access.signedIn(request, context), let home = WebAccess.home(of: signedIn.caller) else {
                return WebAnswer.redirect("/sign-in")
            }
            return WebAnswer.redirect(home)
        }
        router.get("/sign-in") { request, _ in
            let reason = request.uri.queryParameters.get("reason").flatMap(SignInReason.init(rawValue:)) ?? .none
            return signInPage(request, status: .ok, message: reason.message)
        }
        router.post("/sign-in") { request, context in
            try await answer.answer(request) {
                let form = try await access.form(request)
                // The pre-session pair: the form's hidden field equals the cookie set with the form.
                guard let pair = WebCookie.value(WebCookie.signIn, in: request), let sent = form.fields["csrf"],
                      TokenDigest.equal(Array(pair.utf8), Array(sent.utf8)) else {
                    return signInPage(request, status: .forbidden, message: "登录表单已失效：请在本页重新输入访问令牌登录。")
                }
                let token = (form.fields["token"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !token.isEmpty, let caller = access.core.gatekeeper.caller(digest: TokenDigest.sha256(of: token)) else {
                    return signInPage(request, status: .unauthorized, message: "访问令牌不正确：请核对后重新输入（令牌区分大小写）。")
                }
                guard let home = WebAccess.home(of: caller) else {
                    return signInPage(request, status: .forbidden,
                                      message: "市职称办的令牌用于查阅结果和抽检的接口，没有网页：请使用单位或审验机构的令牌登录。")
                }
                context.tokenName.withLockedValue { $0 = caller.name }
                let session = access.sessions.open(token: caller.token)
                var headers = HTTPFields()
                headers.append(.init(name: .setCookie, value: WebCookie.set(WebCookie.session, session.id, for: request)))
                headers.append(.init(name: .setCookie, value: WebCookie.clear(WebCookie.signIn, for: request)))
                return WebAnswer.redirect(home, headers: headers)
            }
        }
        router.post("/sign-out") { request, context in
            try await answer.answer(request) {
                let signedIn = try access.signedIn(request, context)
                try signedIn.check(try await access.form(request))
                access.sessions.close(signedIn.session.id)
                return WebAnswer.redirect("/sign-in?reason=signed-out",
                                          headers: [.setCookie: WebCookie.clear(WebCookie.session, for: request)])
            }
        }
    }

    /// The form with a fresh CSRF pair (cookie and hidden field) each time it is shown.
    private func signInPage(_ request: Request, status: HTTPResponse.Status, message: String?) -> Response {
        let csrf = TokenDigest.newToken()
        let content = SignInContent(message: message, csrf: csrf, minutes: Int(access.sessions.lifetime / .seconds(60)))
        return answer.html(status, .signIn, content, frame: WebPages.Frame(title: "登录"),
                           headers: [.setCookie: WebCookie.set(WebCookie.signIn, csrf, for: request)])
    }
}
