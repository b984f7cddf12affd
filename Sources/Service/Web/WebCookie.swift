import Hummingbird

/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
/// Secure when the request came over TLS through a proxy (`X-Forwarded-Proto: https`), Path=/.
enum WebCookie {
    static let session = "cedocs_session"
    /// Before sign-in there is no session: the sign-in form's CSRF token is paired with this cookie
    /// (double submit), so another site cannot sign a browser in under its own token.
    static let signIn = "cedocs_sign_in"
    /// How a proxy in front tells which scheme the browser used.
    static let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto")!

    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// `Set-Cookie` for `value`; without `maxAge`, a browser session's cookie (the server decides expiry).
    static func set(_ name: String, _ value: String, for request: Request, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if request.headers[forwardedProto]?.lowercased() == "https" { cookie += "; Secure" }
        return cookie
    }

    static func clear(_ name: String, for request: Request) -> String {
        set(name, "", for: request, maxAge: 0)
    }
}
