import Foundation
import Hummingbird
import Service
import TestSupport
import Testing

/// Issue 19: `systemctl reload cedocs` (SIGHUP to a real `cedocs serve`) re-reads the tokens of its
/// configuration without dropping a request at work, and refuses a file that fails the check.
@Suite struct ReloadTests {
    static let newToken = "unit-token-徐州市测试单位-2"

    static func digest(_ token: String) -> String { TokenDigest.hex(TokenDigest.sha256(of: token)) }

    /// The configuration file with `token`'s digest written as `replacement`.
    static func replaceDigest(of token: String, with replacement: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(digest(token)))
        try text.replacingOccurrences(of: digest(token), with: replacement).write(to: file, atomically: true, encoding: .utf8)
    }

    /// The unit's token is replaced by a new one while another unit's request is at work, half its body
    /// sent: after SIGHUP the new token is served, the old one gets 401, and the request at work, its
    /// body sent in full after the reload, is answered 200.
    @Test func aReloadSwapsTheTokensAndKeepsTheRequestsAtWork() async throws {
        var limits = ServiceConfiguration.Limits()
        // The half-sent body waits for the reload: a busy machine must not make it look slow or idle.
        limits.idleSeconds = 300
        limits.minBodyBytesPerSecond = 1
        let server = try await ServeProcess.start(limits: limits)
        defer { server.stop() }
        let own = try SlowClientTests.checkBody()
        #expect(try await server.request(.post, "/v1/check", token: Self.newToken, json: own).status == .unauthorized)

        let other = String(decoding: try SlowClientTests.checkBody(unit: "徐州市其他单位"), as: UTF8.self)
        let half = other.index(other.startIndex, offsetBy: other.count / 2)
        let atWork = try RawConnection(port: server.port)
        try atWork.sendHead("/v1/check", token: Harness.otherUnitToken, length: other.utf8.count)
        try atWork.send(String(other[..<half]))

        try Self.replaceDigest(of: Harness.unitToken, with: Self.digest(Self.newToken), in: server.configuration)
        let lines = server.lineCount
        server.hangUp()
        let reloaded = try await server.line(after: lines) { $0.contains("tokens re-read") || $0.contains("未重新加载") }
        #expect(reloaded.contains("tokens re-read") && reloaded.contains("5 tokens"), "\(reloaded)")

        #expect(try await server.request(.post, "/v1/check", token: Self.newToken, json: own).status == .ok)
        #expect(try await server.request(.post, "/v1/check", token: Harness.unitToken, json: own).status == .unauthorized)
        try atWork.send(String(other[half...]))
        let (answer, _) = await atWork.read(within: 120)
        #expect(RawConnection.status(of: answer) == 200, "\(String(decoding: answer.prefix(300), as: UTF8.self))")
        #expect(server.isRunning)
    }

    /// A token digest that is not one: the reload is refused, the log names the key, and the tokens in
    /// use stay (the unit's own still served, the one of the refused file not).
    @Test func aConfigurationThatFailsTheCheckIsRefused() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        try Self.replaceDigest(of: Harness.otherUnitToken, with: Self.digest(Self.newToken), in: server.configuration)
        try Self.replaceDigest(of: Harness.unitToken, with: "not-a-digest", in: server.configuration)
        let lines = server.lineCount
        server.hangUp()
        let refused = try await server.line(after: lines) { $0.contains("tokens re-read") || $0.contains("未重新加载") }
        #expect(refused.contains("未重新加载") && refused.contains("tokens[0].sha256"), "\(refused)")

        let own = try SlowClientTests.checkBody()
        #expect(try await server.request(.post, "/v1/check", token: Harness.unitToken, json: own).status == .ok)
        let other = try SlowClientTests.checkBody(unit: "徐州市其他单位")
        #expect(try await server.request(.post, "/v1/check", token: Harness.otherUnitToken, json: other).status == .ok)
        #expect(try await server.request(.post, "/v1/check", token: Self.newToken, json: other).status == .unauthorized)
    }
}
