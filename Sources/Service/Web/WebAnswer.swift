import Foundation
import Hummingbird
import WebPages

/// Why a page is not shown: each becomes a page in Chinese (or the way back to sign-in), never the
/// JSON API's error body.
enum WebRefusal: Error {
    /// No session, or one that has expired: back to the sign-in page, which says why.
    case signIn(SignInReason)
    /// 403, 413, 415…: a page that says what was refused and where to go on.
    case page(HTTPResponse.Status, heading: String, message: String)

    static func forbidden(_ message: String) -> WebRefusal {
        .page(.forbidden, heading: "无权访问", message: message)
    }

    /// A form posted without the session's CSRF token (an old page, or another site's form).
    static let badForm = WebRefusal.page(.forbidden, heading: "表单已失效",
                                         message: "此表单已失效或不是从本系统页面提交的：请返回页面，刷新后重新提交。")
}

/// What the sign-in page says above its form.
enum SignInReason: String {
    case expired, signedOut = "signed-out", none

    var message: String? {
        switch self {
        case .expired: return "登录已过期或尚未登录：请重新输入访问令牌登录。"
        case .signedOut: return nil
        case .none: return nil
        }
    }
}

/// Making the pages' answers: HTML, redirects, refusals.
struct WebAnswer: Sendable {
    let pages: WebPages
    static let contentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!

    func html(_ status: HTTPResponse.Status = .ok, _ page: WebPages.Page, _ content: Any, frame: WebPages.Frame,
              headers extra: HTTPFields = [:]) -> Response {
        Response(status: status, headers: Self.headers(extra),
                 body: .init(byteBuffer: ByteBuffer(string: pages.render(page, content, frame: frame))))
    }

    /// A page written as work goes on (sent in chunks, each piece as it comes, so that any browser shows
    /// it while it waits — no script): the frame's head and `opening` at once, then `pieces`, then the
    /// frame's end.
    func streamed<Pieces: AsyncSequence & Sendable>(_ frame: WebPages.Frame, opening: String, _ pieces: Pieces) -> Response
        where Pieces.Element == String {
        let (head, tail) = pages.frame(frame)
        return Response(status: .ok, headers: Self.headers(), body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: head + opening))
            for try await piece in pieces { try await writer.write(ByteBuffer(string: piece)) }
            try await writer.write(ByteBuffer(string: tail))
            try await writer.finish(nil)
        })
    }

    private static func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // The pages load nothing from anywhere and run no script; no other site may frame them.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"
        headers[Self.contentTypeOptions] = "nosniff"
        return headers
    }

    /// 303 See Other: after a form, the browser asks for `location` with GET.
    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// `work`'s page, or the refusal's: a session that is over leads back to sign-in, a ServiceError
    /// (the pipeline's, the limits') is shown with its own status and words.
    func answer(_ request: Request, frame: WebPages.Frame? = nil, _ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let refusal as WebRefusal {
            return self.refusal(refusal, request, frame: frame)
        } catch let error as ServiceError {
            let frame = frame ?? WebPages.Frame(title: "无法完成")
            return html(error.status, .message, MessageContent(heading: "无法完成", message: error.message), frame: frame)
        }
    }

    func refusal(_ refusal: WebRefusal, _ request: Request, frame: WebPages.Frame?) -> Response {
        switch refusal {
        case .signIn(let reason):
            return Self.redirect("/sign-in?reason=\(reason.rawValue)",
                                 headers: [.setCookie: WebCookie.clear(WebCookie.session, for: request)])
        case .page(let status, let heading, let message):
            return html(status, .message, MessageContent(heading: heading, message: message),
                        frame: frame ?? WebPages.Frame(title: heading))
        }
    }
}

/// The message page's fields: a refusal (in red, read out as an alert), or a plain notice. Stored, not
/// computed: Mustache reads a value's stored properties.
struct MessageContent {
    var heading: String
    var message: String
    var link: String
    var linkText: String
    var refused: Bool
    var tone: String
    var box: String

    init(heading: String, message: String, link: String = "/", linkText: String = "返回首页", refused: Bool = true) {
        self.heading = heading
        self.message = message
        self.link = link
        self.linkText = linkText
        self.refused = refused
        tone = refused ? "bad" : "plain"
        box = refused ? "alert" : "notice"
    }
}
