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

    @Test func aRequestPastItsTimeIs408() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.requestSeconds = 0.3
        let records = try body(Samples.records(people: (1...300).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let response = try await client.post("/v1/render/certificate", token: Harness.unitToken, records: records)
            #expect(response.status == .requestTimeout && response.error["code"] as? String == "timeout")
            let metrics = String(buffer: try await client.request(.get, "/metrics").body)
            #expect(metrics.contains("cedocs_requests_abandoned_total 1"))
        }
    }

    @Test func aFullServiceAnswers503WithRetryAfter() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.pendingRequests = 1
        let records = try body(Samples.records(people: (1...40).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let port = client.port
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let own = TestClient(host: "127.0.0.1", port: port)
                        own.connect()
                        defer { Task { try? await own.shutdown() } }
                        let response = try await own.execute(TestClient.Request(
                            "/v1/render/certificate", method: .post,
                            headers: [.authorization: "Bearer \(Harness.unitToken)", .contentType: "application/json"],
                            body: ByteBuffer(bytes: records)))
                        return (response.status.code, response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.contains { $0.0 == 200 })
            #expect(statuses.contains { $0.0 == 503 && $0.1 == "2" })
            #expect(statuses.allSatisfy { [200, 503].contains($0.0) })
        }
    }

    @Test func aClientThatLeavesFreesItsWork() async throws {
        let records = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        try await Harness().run { client in
            let leaving = TestClient(host: "127.0.0.1", port: client.port)
            leaving.connect()
            let request = Task {
                try await leaving.execute(TestClient.Request(
                    "/v1/render/certificate", method: .post,
                    headers: [.authorization: "Bearer \(Harness.unitToken)", .contentType: "application/json"],
                    body: ByteBuffer(bytes: records)))
            }
            // Leave once the work has begun (a fixed delay would race the upload on a busy machine).
            func pagesRendered() async throws -> Int {
                let metrics = String(buffer: try await client.request(.get, "/metrics").body)
                let line = metrics.split(separator: "\n").first { $0.hasPrefix("cedocs_pages_rendered_total ") }
                return line?.split(separator: " ").last.flatMap { Int($0) } ?? 0
            }
            for _ in 0..<200 where try await pagesRendered() == 0 {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Counted when leaving: a busy machine can let many pages go by between two polls.
            let beforeLeaving = try await pagesRendered()
            try await leaving.shutdown()
            _ = await request.result
            // The abandoned request stops at its next person: a few certificates (3 pages each) after
            // the client left, long before all 400 are drawn.
            var metrics = ""
            for _ in 0..<50 where !metrics.contains("cedocs_requests_abandoned_total 1") {
                try await Task.sleep(for: .milliseconds(100))
                metrics = String(buffer: try await client.request(.get, "/metrics").body)
            }
            #expect(metrics.contains("cedocs_requests_abandoned_total 1"))
            let pages = metrics.split(separator: "\n").first { $0.hasPrefix("cedocs_pages_rendered_total ") }
            let drawn = pages?.split(separator: " ").last.flatMap { Int($0) } ?? .max
            #expect(drawn <= beforeLeaving + 30, "\(drawn) pages, \(beforeLeaving) when the client left")
            #expect(drawn < 400 * 3)
        }
    }
}
