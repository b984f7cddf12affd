import Foundation
import Hummingbird
import HummingbirdTesting
import Render
import Service
import TestSupport
import Testing

/// Issue 19: 3. The metrics (swift-metrics into swift-prometheus) move by what the requests did; each
/// request's id comes back in X-Request-Id and is in its JSON log line; /readyz follows the registry.
@Suite struct ObservabilityTests {
    static let requestID = HTTPFields.Element.Name("X-Request-Id")!

    @Test func metricsCountRequestsPagesAndStampsByRoutePatternAndStatus() async throws {
        let records = try body(StampAndVerifyTests.examined)
        try await Harness().run { client in
            let before = try Exposition(String(buffer: try await client.request(.get, "/metrics").body))
            #expect(try await client.request(.get, "/readyz").status == .ok)

            let pdf = try await client.post("/v1/render/registration?person=\(Samples.idNumber(1))", token: Harness.unitToken,
                                            records: records)
            #expect(pdf.status == .ok)
            let refused = try await client.post("/v1/render/certificate", token: nil, records: records)
            #expect(refused.status == .unauthorized)
            #expect(try await client.request(.get, "/nowhere/\(UUID())").status == .notFound)
            // Stamped twice: new results, then the same ones given again (nothing changed).
            var stamped: [[String: Data]] = []
            for _ in 1...2 {
                let response = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
                #expect(response.status == .ok)
                stamped.append(try Files.unzip(response.data))
            }
            let after = try Exposition(String(buffer: try await client.request(.get, "/metrics").body))

            func grew(_ name: String, _ labels: [String: String]) -> Double {
                after.value(name, labels) - before.value(name, labels)
            }
            let render = ["method": "POST", "route": "/v1/render/{kind}", "status": "200"]
            let unauthorized = ["method": "POST", "route": "/v1/render/{kind}", "status": "401"]
            let unknown = ["method": "GET", "route": "NotFound", "status": "404"]
            let stamp = ["method": "POST", "route": "/v1/stamp", "status": "200"]
            for (labels, count) in [(render, 1.0), (unauthorized, 1), (unknown, 1), (stamp, 2)] {
                #expect(grew("cedocs_http_requests_total", labels) == count, "\(labels)")
                #expect(grew("cedocs_http_request_duration_seconds_count", labels) == count, "\(labels)")
                #expect(after.value("cedocs_http_request_duration_seconds_bucket", labels.merging(["le": "+Inf"]) { $1 })
                        == after.value("cedocs_http_request_duration_seconds_count", labels))
            }
            #expect(grew("cedocs_http_request_duration_seconds_sum", stamp) > 0)
            // No label holds what a client typed: routes are patterns, an unknown address is Hummingbird's "NotFound".
            #expect(!after.samples.contains { $0.labels["route"].map { $0.contains("registration") || $0.contains("nowhere") } ?? false })
            #expect(after.types["cedocs_http_requests_total"] == "counter")
            #expect(after.types["cedocs_http_request_duration_seconds"] == "histogram")

            var pages = try Self.pageCount(pdf.data)
            for entries in stamped {
                for (path, data) in entries where path.hasSuffix(".pdf") { pages += try Self.pageCount(data) }
            }
            #expect(grew("cedocs_pages_rendered_total", [:]) == Double(pages))

            let issued = stamped.map { entries in
                ((try? JSONSerialization.jsonObject(with: entries["stamp-report.json"] ?? Data())) as? [String: Any])?["issued"]
                    as? [[String: Any]] ?? []
            }
            #expect(issued[0].count == 3 && issued[0].allSatisfy { $0["reused"] as? Bool == false })
            #expect(issued[1].count == 3 && issued[1].allSatisfy { $0["reused"] as? Bool == true })
            #expect(grew("cedocs_stamps_issued_total", ["reused": "false"]) == 3)
            #expect(grew("cedocs_stamps_issued_total", ["reused": "true"]) == 3)
        }
    }

    /// Two places, one per token: the unit's second request is refused for its token's share, a third
    /// token's while both places are taken for want of one; the gauge follows the places taken.
    @Test(.timeLimit(.minutes(3))) func thePoolsPlacesAndRefusals() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.pendingRequests = 2
        limits.perTokenRequests = 1
        let records = try body(Samples.records(people: (1...400).map { Samples.person($0) }))
        try await Harness(limits: limits).run { client in
            let metrics = try Exposition(String(buffer: try await client.request(.get, "/metrics").body))
            #expect(metrics.value("cedocs_render_pool_capacity", [:]) == 2)
            #expect(metrics.value("cedocs_render_pool_requests", [:]) == 0)

            let unit = client.start("/v1/render/certificate", token: Harness.unitToken, records: records)
            _ = try await client.metrics { (try? Exposition($0).value("cedocs_render_pool_requests", [:])) == 1 }
            let share = try await client.post("/v1/render/certificate", token: Harness.unitToken, records: records)
            #expect(share.status == .serviceUnavailable)
            let agency = client.start("/v1/render/certificate", token: Harness.agencyToken, records: records)
            _ = try await client.metrics { (try? Exposition($0).value("cedocs_render_pool_requests", [:])) == 2 }
            let busy = try await client.post("/v1/render/certificate", token: Harness.countyToken, records: records)
            #expect(busy.status == .serviceUnavailable)

            let refusals = try Exposition(String(buffer: try await client.request(.get, "/metrics").body))
            #expect(refusals.value("cedocs_render_pool_refused_total", ["reason": "token_share"]) == 1)
            #expect(refusals.value("cedocs_render_pool_refused_total", ["reason": "busy"]) == 1)
            #expect(refusals.value("cedocs_http_requests_total",
                                   ["method": "POST", "route": "/v1/render/{kind}", "status": "503"]) == 2)
            try await unit.leave()
            try await agency.leave()
            _ = try await client.metrics { (try? Exposition($0).value("cedocs_render_pool_requests", [:])) == 0 }
        }
    }

    /// The client's id comes back and is in the request's log line with what the request was; an id
    /// that is not well-formed, or none, gets a new one, also logged. The token is never in the log.
    @Test func theRequestIDComesBackAndIsInTheLogLine() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let check = try SlowClientTests.checkBody()
        let given = try await server.request(.post, "/v1/check", token: Harness.unitToken, json: check,
                                             headers: [Self.requestID: "obs-check-0001"])
        #expect(given.status == .ok && given.headers[Self.requestID] == "obs-check-0001")
        let line = try await Self.logLine(of: "obs-check-0001", in: server)
        #expect(line["message"] as? String == "request" && line["level"] as? String == "info")
        #expect(line["method"] as? String == "POST" && line["route"] as? String == "/v1/check")
        #expect(line["status"] as? Int == 200 && line["token"] as? String == "测试单位人事处")
        #expect((line["duration_ms"] as? Double ?? -1) >= 0 && line["time"] is String)

        for bad in ["two words", String(repeating: "x", count: 65), #"quote"in"#, ""] {
            let answer = try await server.request(.get, "/healthz", headers: [Self.requestID: bad])
            let id = try #require(answer.headers[Self.requestID])
            #expect(id != bad && UUID(uuidString: id) != nil, "\(bad) → \(id)")
            #expect(try await Self.logLine(of: id, in: server)["route"] as? String == "/healthz")
        }
        let none = try await server.request(.get, "/v1/verify/XZPX-2016-000001")
        let id = try #require(none.headers[Self.requestID])
        #expect(try await Self.logLine(of: id, in: server)["status"] as? Int == 404)
        #expect(!server.output.contains(Harness.unitToken))
    }

    /// Under systemd the journal holds what the service writes: JSON lines only, its start (with the
    /// port it listens on) and a failure to start included.
    @Test func everyLineOfTheServiceIsJSON() async throws {
        let server = try await ServeProcess.start()
        #expect(try await server.request(.get, "/healthz").status == .ok)
        _ = try await server.line { $0.contains(#""route":"/healthz""#) }
        server.stop()
        let lines = server.output.split(separator: "\n").map { Self.json(Data($0.utf8)) }
        #expect(!lines.isEmpty && lines.allSatisfy { $0["time"] is String && $0["level"] is String }, "\(server.output)")
        let start = try #require(lines.first { ($0["message"] as? String ?? "").hasPrefix("cedocs serve: listening on ") })
        #expect(start["port"] as? Int == server.port && start["host"] as? String == "127.0.0.1")

        let folder = Repository.temporaryFolder("badserve")
        let file = folder.appendingPathComponent("service.yaml")
        try "limits: { people: 0 }\n".write(to: file, atomically: true, encoding: .utf8)
        let failed = try Command.cedocs(["serve", "--config", file.path, "--port", "0"])
        #expect(failed.status == 2)
        let problems = failed.stderr.split(separator: "\n").map { Self.json(Data($0.utf8)) }
        #expect(!problems.isEmpty && problems.allSatisfy { $0["level"] as? String == "critical" }, "\(failed.stderr)")
        #expect(problems.contains { ($0["message"] as? String ?? "").contains("limits.people") }, "\(failed.stderr)")
    }

    /// A problem met inside a request is logged under the request's id: the agency's disk full, its
    /// stamp refused (507), the error line and the request's line carry the id the client sent.
    @Test func anErrorInARequestIsLoggedWithItsID() async throws {
        let disk = try Tmpfs(kilobytes: 1024)
        defer { disk.unmount() }
        let server = try await ServeProcess.start(agencyConfig: disk.folder)
        defer { server.stop() }
        try disk.fill()
        let refused = try await server.request(.post, "/v1/stamp", token: Harness.agencyToken,
                                               json: try body(StampAndVerifyTests.examined),
                                               headers: [Self.requestID: "disk-full-1"])
        #expect(refused.status.code == 507 && refused.headers[Self.requestID] == "disk-full-1")
        let error = try await server.line { $0.contains(#""request_id":"disk-full-1""#) && $0.contains(#""level":"error""#) }
        let fields = Self.json(Data(error.utf8))
        #expect(fields["message"] as? String == "stamp refused, disk full", "\(error)")
        #expect((fields["error"] as? String ?? "").contains(disk.folder.path), "the path is for the operator: \(error)")
        let line = try await Self.logLine(of: "disk-full-1", in: server)
        #expect(line["status"] as? Int == 507 && line["token"] as? String == "市职业技术培训中心")
    }

    /// The agency's registry folder moved away (as a lost mount would): /readyz answers 503 with the
    /// reason, the log says why under the request's id, /healthz still 200; moved back, ready again.
    @Test func readyzFollowsTheRegistry() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let ready = try await server.request(.get, "/readyz")
        #expect(ready.status == .ok && Self.json(ready.data)["status"] as? String == "ready")

        let agency = server.configuration.deletingLastPathComponent().appendingPathComponent("agencies/XZPX")
        #expect(FileManager.default.fileExists(atPath: agency.appendingPathComponent("registry.sqlite").path))
        let away = agency.deletingLastPathComponent().appendingPathComponent("XZPX-away")
        try FileManager.default.moveItem(at: agency, to: away)
        let down = try await server.request(.get, "/readyz", headers: [Self.requestID: "readyz-down"])
        let answer = Self.json(down.data)
        #expect(down.status == .serviceUnavailable && answer["status"] as? String == "not_ready")
        #expect((answer["reason"] as? String ?? "").contains("XZPX"), "\(answer)")
        #expect(try await server.request(.get, "/healthz").status == .ok)
        let warning = try await server.line { $0.contains(#""request_id":"readyz-down""#) && $0.contains(#""level":"warning""#) }
        #expect(Self.json(Data(warning.utf8))["registry"] as? String == "agency XZPX", "\(warning)")

        try FileManager.default.moveItem(at: away, to: agency)
        #expect(try await server.request(.get, "/readyz").status == .ok)
    }

    /// A font file removed from under the running service (its fonts a copy of the project's): /readyz
    /// answers 503 "fonts not loaded" until it is back.
    @Test func readyzFollowsTheFonts() async throws {
        let folder = Repository.temporaryFolder().appendingPathComponent("fonts")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: Repository.fonts, to: folder)
        let harness = try Harness(fonts: try FontLibrary(directory: folder))
        let font = folder.appendingPathComponent("prepared/NotoSerifCJKsc-Regular.ttf")
        let away = folder.appendingPathComponent("away.ttf")
        try await harness.run { client in
            #expect(try await client.request(.get, "/readyz").status == .ok)
            try FileManager.default.moveItem(at: font, to: away)
            let down = try await client.request(.get, "/readyz")
            #expect(down.status == .serviceUnavailable && down.json["reason"] as? String == "fonts not loaded")
            try FileManager.default.moveItem(at: away, to: font)
            #expect(try await client.request(.get, "/readyz").status == .ok)
        }
    }

    /// The request line of `id` in the server's log, once written.
    static func logLine(of id: String, in server: ServeProcess) async throws -> [String: Any] {
        let line = try await server.line { $0.contains(#""request_id":"\#(id)""#) && $0.contains(#""message":"request""#) }
        return json(Data(line.utf8))
    }

    static func json(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func pageCount(_ pdf: Data) throws -> Int {
        let file = Repository.temporaryFolder("pages").appendingPathComponent("\(UUID()).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Poppler.pageCount(file)
    }
}

/// The Prometheus text format, read as a scraper reads it: each sample's name, labels and value, and
/// each family's type.
struct Exposition {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let match = line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/),
                  let value = Double(match.3) else { throw ExpositionError(line: String(line)) }
            var labels: [String: String] = [:]
            for label in String(match.2 ?? "").matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/) {
                labels[String(label.1)] = String(label.2)
            }
            samples.append(Sample(name: String(match.1), labels: labels, value: value))
        }
    }

    /// The sample of `name` with exactly these labels; 0 when there is none yet (a series appears with
    /// its first count).
    func value(_ name: String, _ labels: [String: String]) -> Double {
        samples.first { $0.name == name && $0.labels == labels }?.value ?? 0
    }
}

struct ExpositionError: Error, CustomStringConvertible {
    var line: String
    var description: String { "not a line of the Prometheus text format: \(line)" }
}
