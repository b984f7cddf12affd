import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// Issue 11: clients that send slowly, not at all, or too much at once cannot starve the others.
@Suite struct SlowClientTests {
    static func checkBody(unit: String = Harness.unitName) throws -> Data {
        try body(Samples.records(people: [Samples.person(1)], unit: unit))
    }

    /// 16 connections (all of `pending_requests`) declare an 8 MB body and send nothing. Other clients,
    /// of another token and of the same one, are served meanwhile, round after round, while those 16
    /// are still open: a place is taken only once a body has arrived.
    @Test func silentBodiesHoldNoPlace() async throws {
        var limits = ServiceConfiguration.Limits()
        // Long enough that the silent ones are still there at the end of the test.
        limits.idleSeconds = 60
        let harness = try Harness(limits: limits)
        let own = try Self.checkBody()
        let other = try Self.checkBody(unit: "徐州市其他单位")
        try await harness.run { [limits] client in
            let silent = try (0..<limits.pendingRequests).map { _ in
                let connection = try RawConnection(port: client.port)
                try connection.sendHead("/v1/check", token: Harness.unitToken, length: 8 << 20)
                return connection
            }
            // Rounds over a second, not one: the heads are read and waiting well before the last.
            let start = ContinuousClock.now
            var rounds = 0
            while rounds < 3 || ContinuousClock.now - start < .seconds(1) {
                let mine = try await client.post("/v1/check", token: Harness.unitToken, records: own)
                let theirs = try await client.post("/v1/check", token: Harness.otherUnitToken, records: other)
                #expect(mine.status == .ok && theirs.status == .ok, "round \(rounds): \(mine.status), \(theirs.status)")
                rounds += 1
            }
            for connection in silent {
                let (bytes, closed) = await connection.read(within: 0.05)
                #expect(bytes.isEmpty && !closed, "a silent connection was answered or closed early")
            }
        }
    }

    /// A token with its share of the requests at work (here 2 of 4) gets 503 with Retry-After for one
    /// more; another token is served meanwhile.
    @Test func oneTokenHoldsAtMostItsShare() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.pendingRequests = 4
        limits.perTokenRequests = 2
        // Only the share is tested here: a busy machine must not make the uploads look slow or idle.
        limits.idleSeconds = 300
        limits.minBodyBytesPerSecond = 1
        let long = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        let own = try Self.checkBody()
        let other = try Self.checkBody(unit: "徐州市其他单位")
        try await Harness(limits: limits).run { client in
            let port = client.port
            let renderers = (0..<3).map { _ in TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300))) }
            try await withThrowingTaskGroup(of: TestClient.Response.self) { group in
                for renderer in renderers {
                    renderer.connect()
                    group.addTask {
                        try await renderer.execute(TestClient.Request(
                            "/v1/render/certificate", method: .post,
                            headers: [.authorization: "Bearer \(Harness.unitToken)", .contentType: "application/json"],
                            body: ByteBuffer(bytes: long)))
                    }
                }
                // Three long renders of one token: two are admitted and draw 400 certificates each (many
                // seconds); the first answer is the third's refusal, and meanwhile the two are at work.
                let first = try #require(try await group.next())
                #expect(first.status == .serviceUnavailable && first.headers[.retryAfter] == "2")
                let theirs = try await client.post("/v1/check", token: Harness.otherUnitToken, records: other)
                #expect(theirs.status == .ok)
                let mine = try await client.post("/v1/check", token: Harness.unitToken, records: own)
                #expect(mine.status == .serviceUnavailable && mine.headers[.retryAfter] == "2" && mine.error["code"] as? String == "busy")
                #expect((mine.error["message"] as? String ?? "").contains("令牌"))
                // Leaving stops the two at their next person.
                for renderer in renderers { try await renderer.shutdown() }
                while let _ = try? await group.next() {}
            }
        }
    }

    /// A body trickled below `min_body_bytes_per_second` gets 408 soon after the first `idle_seconds`,
    /// not after `request_seconds`.
    @Test func aTrickledBodyGets408() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.idleSeconds = 1
        limits.minBodyBytesPerSecond = 1000
        try await Harness(limits: limits).run { [limits] client in
            let connection = try RawConnection(port: client.port)
            try connection.sendHead("/v1/check", token: Harness.unitToken, length: 100_000)
            let start = ContinuousClock.now
            var answer = (bytes: Data(), closed: false)
            // 10 bytes every 0.1 s: 100 bytes a second, a tenth of the minimum.
            while answer.bytes.isEmpty, !answer.closed, ContinuousClock.now - start < .seconds(30) {
                try? connection.send("          ")
                answer = await connection.read(within: 0.1)
            }
            let elapsed = ContinuousClock.now - start
            // 408 slow_body; or, when a busy machine delays this test's own sends past idle_seconds, the
            // connection closed as idle. Either way the server gave the body up, soon.
            let text = String(decoding: answer.bytes, as: UTF8.self)
            #expect((RawConnection.status(of: answer.bytes) == 408 && text.contains("slow_body"))
                    || (answer.closed && answer.bytes.isEmpty), "\(text)")
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(limits.requestSeconds / 4), "\(elapsed)")
        }
    }

    /// A keep-alive connection left idle is closed by the server after `idle_seconds`, not at once:
    /// a second request right after the first is still answered on it. (Measured from this client's
    /// reads, a lower bound on the idle time fails whenever a busy machine delays the reads.)
    @Test func anIdleConnectionIsClosed() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.idleSeconds = 2
        try await Harness(limits: limits).run { client in
            let connection = try RawConnection(port: client.port)
            for _ in 0..<2 {
                try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let answer = await connection.read(within: 30)
                #expect(RawConnection.status(of: answer.bytes) == 200 && !answer.closed)
            }
            let start = ContinuousClock.now
            let answer = await connection.read(within: 30, untilClosed: true)
            let elapsed = ContinuousClock.now - start
            #expect(answer.closed, "the idle connection is still open after \(elapsed)")
            #expect(elapsed < .seconds(10), "\(elapsed)")
        }
    }
}
