import Foundation
import Hummingbird
import HummingbirdTesting

/// What a browser does with the pages, over the real server: keeps the cookies it is given (and drops
/// those cleared with Max-Age=0), sends them back, posts forms and uploads files as multipart. It does
/// not follow redirects: the tests look at each one.
struct WebBrowser {
    let client: any TestClientProtocol
    /// Every Set-Cookie line received, in order (the tests read the flags).
    private(set) var setCookies: [String] = []
    private(set) var cookies: [String: String] = [:]
    /// Sent with every request, as a proxy in front of the service would (`X-Forwarded-Proto`).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    mutating func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, headers: [:], body: nil)
    }

    mutating func post(_ uri: String, form: [String: String]) async throws -> TestResponse {
        try await post(uri, fields: form.map { ($0.key, $0.value) })
    }

    /// A form whose fields may repeat (boxes ticked under one name), as a browser sends it.
    mutating func post(_ uri: String, fields: [(String, String)]) async throws -> TestResponse {
        try await send(uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                       body: ByteBuffer(string: Self.encode(fields)))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { key, value in "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    mutating func upload(_ uri: String, fields: [String: String], file name: String, _ data: Data) async throws -> TestResponse {
        let boundary = "----cedocs-test-\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"records\"; filename=\"\(name)\"\r\n".utf8))
        body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await send(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                              body: ByteBuffer(bytes: body))
    }

    /// Signs in with `token` as a person would: the form first (its CSRF field and cookie), then the post.
    mutating func signIn(_ token: String) async throws -> TestResponse {
        let form = try await get("/sign-in")
        return try await post("/sign-in", form: ["csrf": Self.csrf(in: form) ?? "", "token": token])
    }

    /// The value of a page's hidden `csrf` field.
    static func csrf(in response: TestResponse) -> String? {
        let html = String(buffer: response.body)
        guard let field = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[field.upperBound...].prefix { $0 != "\"" })
    }

    private mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws
        -> TestResponse {
        var headers = headers
        headers.append(contentsOf: extraHeaders)
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            setCookies.append(line)
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair.count > 1 ? pair[1] : "" }
        }
        return response
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
