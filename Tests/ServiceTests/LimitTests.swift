import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// Limits and bad input: each a JSON 4xx (or 503) with a Chinese message, never a crash.
@Suite struct LimitTests {
    @Test func bodySizePeopleAndContentType() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.bodyBytes = 4096
        limits.people = 3
        let large = try body(Samples.records(people: (1...20).map { Samples.person($0) }))
        let many = try body(Samples.records(people: (1...4).map { Samples.person($0, activities: [Samples.activity()]) }))
        try await Harness(limits: limits).run { client in
            let tooLarge = try await client.post("/v1/check", token: Harness.unitToken, records: large)
            #expect(tooLarge.status == .contentTooLarge && tooLarge.error["code"] as? String == "too_large")
            let tooMany = try await client.post("/v1/render/registration", token: Harness.unitToken, records: many)
            #expect(tooMany.status == .unprocessableContent && tooMany.problemPaths == ["people"])
            let text = try await client.post("/v1/check", token: Harness.unitToken, records: Data("{}".utf8),
                                             headers: [.contentType: "text/plain"])
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test func malformedJSONHugeStringsAndDeepNesting() async throws {
        var huge = Samples.person(1)
        huge["name"] = String(repeating: "张", count: 300_000)
        let bodies: [Data] = [
            Data("{\"schema\": \"cedocs/records/1\", ".utf8),
            Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8),
            Data("\"\(String(repeating: "x", count: 2_000_000))\"".utf8),
            try body(Samples.records(people: [huge])),
            Data([0xFF, 0xFE, 0x00, 0x7B]),
            Data(),
        ]
        try await Harness().run { client in
            for records in bodies {
                for uri in ["/v1/check", "/v1/render/registration", "/v1/stamp"] {
                    let response = try await client.post(uri, token: Harness.agencyToken, records: records)
                    #expect(response.status == .unprocessableContent, "\(uri): \(response.status)")
                    #expect(!(response.error["message"] as? String ?? "").isEmpty)
                }
            }
            #expect(try await client.request(.get, "/healthz").status == .ok)
        }
    }

    /// A time under a millisecond is over before the work begins (the deadline is kept in whole
    /// milliseconds): the 408 does not race the work, however fast the machine.
    @Test func aRequestPastItsTimeIs408() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.requestSeconds = 0.0001
        let records = try body(Samples.records(people: (1...3).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let response = try await client.post("/v1/render/certificate", token: Harness.unitToken, records: records)
            #expect(response.status == .requestTimeout && response.error["code"] as? String == "timeout")
            let metrics = String(buffer: try await client.request(.get, "/metrics").body)
            #expect(metrics.contains("cedocs_requests_abandoned_total 1"))
        }
    }

    /// The one place is taken by a request at work (it has drawn a page) when the next comes.
    @Test(.timeLimit(.minutes(2))) func aFullServiceAnswers503WithRetryAfter() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.pendingRequests = 1
        let records = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let working = client.start("/v1/render/certificate", token: Harness.unitToken, records: records)
            _ = try await client.metrics { (metric("cedocs_pages_rendered_total", in: $0) ?? 0) > 0 }
            let refused = try await client.post("/v1/render/certificate", token: Harness.unitToken, records: records)
            #expect(refused.status == .serviceUnavailable && refused.headers[.retryAfter] == "2")
            try await working.leave()
        }
    }

    /// Under overload the refusal comes from the headers (issue 18): with the one place taken, a request
    /// whose body never comes is answered 503 with Retry-After, its body neither waited for nor read, after
    /// the refusal's pause (a sleep on the server: the answer cannot come sooner, however busy the machine).
    @Test(.timeLimit(.minutes(2))) func aFullServiceRefusesFromTheHeaders() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.pendingRequests = 1
        limits.refusalPauseSeconds = 1
        // A stalled body would get its 408 after idle_seconds, long after the answer awaited here.
        limits.idleSeconds = 300
        let records = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let working = client.start("/v1/render/certificate", token: Harness.unitToken, records: records)
            _ = try await client.metrics { (metric("cedocs_pages_rendered_total", in: $0) ?? 0) > 0 }
            let connection = try RawConnection(port: client.port)
            let asked = ContinuousClock.now
            try connection.sendHead("/v1/check", token: Harness.unitToken, length: 100_000)
            // Not a byte of the body is sent: only the headers can have decided the answer.
            let answer = String(decoding: await connection.read(within: 60).bytes, as: UTF8.self)
            #expect(ContinuousClock.now - asked >= .seconds(1))
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.lowercased().contains("retry-after: 2"))
            try await working.leave()
        }
    }

    @Test(.timeLimit(.minutes(2))) func aClientThatLeavesFreesItsWork() async throws {
        let records = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        try await Harness().run { client in
            let leaving = client.start("/v1/render/certificate", token: Harness.unitToken, records: records)
            // Leave once the work has begun (a fixed delay would race the upload on a busy machine).
            _ = try await client.metrics { (metric("cedocs_pages_rendered_total", in: $0) ?? 0) > 0 }
            try await leaving.leave()
            // The request is counted as abandoned once its work has stopped at its next person, short of
            // all 400 certificates (3 pages each).
            let metrics = try await client.metrics { metric("cedocs_requests_abandoned_total", in: $0) == 1 }
            let drawn = try #require(metric("cedocs_pages_rendered_total", in: metrics))
            #expect(drawn < 400 * 3)
        }
    }
}
