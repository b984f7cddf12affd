import Foundation
import Hummingbird
import HummingbirdTesting
import Pipeline
import Records
import Service
import TestSupport
import Testing

/// Each endpoint against the real server.
@Suite struct EndpointTests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let routes = Set(try Harness().service.router().routes.map { route in
            "\(route.method) " + route.path.description.split(separator: "/")
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }.map { $0.replacingOccurrences(of: " ", with: " /") })
        #expect(routes == Set(OpenAPIContract.shared.operations.keys))
    }

    @Test func healthOpenAPIAndMetrics() async throws {
        try await Harness().run { client in
            let health = try await client.request(.get, "/healthz")
            #expect(health.status == .ok && health.json["status"] as? String == "ok")
            let document = try await client.request(.get, "/openapi.yaml")
            #expect(String(buffer: document.body) == (try String(contentsOf: OpenAPIContract.file, encoding: .utf8)))
            let pdf = try await client.post("/v1/render/registration?person=\(Samples.idNumber(1))", token: Harness.unitToken,
                                            records: try body(Samples.records(people: [Samples.person(1)])))
            #expect(pdf.status == .ok)
            let metrics = String(buffer: try await client.request(.get, "/metrics").body)
            #expect(metrics.contains(#"cedocs_http_requests_total{method="POST",route="/v1/render/{kind}",status="200"} 1"#))
            #expect(metrics.contains(#"cedocs_http_request_duration_seconds_count{method="POST",route="/v1/render/{kind}",status="200"} 1"#))
            #expect(metrics.contains("cedocs_pages_rendered_total 1"))
            let unknown = try await client.request(.get, "/nowhere")
            #expect(unknown.status == .notFound && unknown.error["code"] as? String == "not_found")
        }
    }

    /// The same bytes as the real `cedocs check --json` prints for the same file (under the name the
    /// service gives a request's records), its closing newline aside.
    @Test func checkGivesTheReportOfCheckJSON() async throws {
        let records = try body(Samples.records(people: [Samples.person(1), Samples.person(2, activities: [Samples.activity(hours: 12)]),
                                                        ["name": "无号码"]]))
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("records.json")
        try records.write(to: file)
        let cli = try Command.run(Repository.executable.path, ["check", "--json", file.path])
        // 1: a person with errors (the one without an ID number).
        #expect(cli.status == 1, "\(cli.stderr)")
        try await Harness().run { client in
            let response = try await client.post("/v1/check", token: Harness.unitToken, records: records)
            #expect(response.status == .ok)
            #expect(String(decoding: response.data, as: UTF8.self) + "\n" == cli.stdout)
            let summary = response.json["summary"] as? [String: Any]
            #expect(summary?["passing"] as? Int == 1 && summary?["failing"] as? Int == 1 && summary?["with_errors"] as? Int == 1)
        }
    }

    @Test func renderOnePersonTheUnitOrEveryone() async throws {
        let records = try body(Samples.records(people: (1...3).map { Samples.person($0, name: "张\($0)号") }))
        try await Harness().run { client in
            let one = try await client.post("/v1/render/certificate?person=\(Samples.idNumber(2))", token: Harness.unitToken,
                                            records: records)
            #expect(one.status == .ok && one.headers[.contentType] == "application/pdf")
            let text = try Files.pdfText(one.data)
            #expect(text.contains("张2号") && !text.contains("张1号"))

            let unit = try await client.post("/v1/render/annual-audit", token: Harness.unitToken, records: records)
            let roster = try Files.pdfText(unit.data)
            #expect(unit.status == .ok && ["张1号", "张2号", "张3号", Samples.idNumber(3)].allSatisfy(roster.contains))

            let all = try await client.post("/v1/render/registration", token: Harness.unitToken, records: records)
            #expect(all.status == .ok && all.headers[.contentType] == "application/zip")
            let entries = try Files.unzip(all.data)
            #expect(entries.keys.sorted() == (1...3).map { "people/\(Samples.idNumber($0))/2016/registration.pdf" })
            for n in 1...3 {
                #expect(try Files.pdfText(entries["people/\(Samples.idNumber(n))/2016/registration.pdf"]!).contains("张\(n)号"))
            }
        }
    }

    @Test func renderRefusesWhatItCannotMake() async throws {
        var broken = Samples.person(2)
        broken["id_number"] = "320302198001011230"
        let records = try body(Samples.records(people: [Samples.person(1), broken]))
        try await Harness().run { client in
            let missing = try await client.post("/v1/render/registration?person=\(Samples.idNumber(9))",
                                                token: Harness.unitToken, records: records)
            #expect(missing.status == .notFound)
            let invalid = try await client.post("/v1/render/registration?person=320302198001011230",
                                                token: Harness.unitToken, records: records)
            #expect(invalid.status == .unprocessableContent && invalid.problemPaths == ["people[1].id_number"])
            let everyone = try await client.post("/v1/render/certificate", token: Harness.unitToken, records: records)
            #expect(everyone.status == .unprocessableContent && everyone.problemPaths == ["people[1].id_number"])
            let kind = try await client.post("/v1/render/diploma", token: Harness.unitToken, records: records)
            #expect(kind.status == .notFound)
            let person = try await client.post("/v1/render/annual-audit?person=x", token: Harness.unitToken, records: records)
            #expect(person.status == .badRequest)
        }
    }

    @Test func concurrentRendersEachGiveTheRightPerson() async throws {
        let people = (1...8).map { Samples.person($0, name: "并发\($0)") }
        let records = try body(Samples.records(people: people))
        try await Harness().run { client in
            let port = client.port
            try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                for n in 1...8 {
                    group.addTask {
                        // A connection of its own for each request.
                        let own = TestClient(host: "127.0.0.1", port: port)
                        own.connect()
                        defer { Task { try? await own.shutdown() } }
                        let response = try await own.execute(TestClient.Request(
                            "/v1/render/registration?person=\(Samples.idNumber(n))", method: .post,
                            headers: [.authorization: "Bearer \(Harness.unitToken)", .contentType: "application/json"],
                            body: ByteBuffer(bytes: records)))
                        #expect(response.status == .ok)
                        return (n, Data((response.body ?? ByteBuffer()).readableBytesView))
                    }
                }
                for try await (n, pdf) in group {
                    let text = try Files.pdfText(pdf)
                    #expect(text.contains("并发\(n)") && text.contains(Samples.idNumber(n)))
                    #expect(!(1...8).filter { $0 != n }.contains { text.contains(Samples.idNumber($0)) })
                }
            }
        }
    }
}
