import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// Issue 11: no request reaches a trap, and memory follows the limits, not the input. Against the real
/// `cedocs serve` as a child process, so that a crash is a dead process and memory is the server's own.
@Suite(.serialized) struct HostileInputTests {
    /// Every endpoint that takes a records file.
    static let endpoints = ["/v1/check", "/v1/render/registration", "/v1/render/certificate", "/v1/render/annual-audit",
                            "/v1/stamp"]

    /// A hostile records file, and the JSON path of the value a clerk must be told about when the file
    /// as a whole is still usable (then /v1/check reports it; see `eachCaseIsAJSONRefusal`).
    struct Case: Sendable {
        var name: String
        var body: Data
        var path: String?
    }

    /// One person with one activity of `kind` whose `params` hold `key: literal` (the literal as written).
    static func number(_ name: String, kind: String, key: String, literal: String) throws -> Case {
        var activity = Samples.activity()
        activity["kind"] = kind
        activity["subject"] = "professional"
        activity["params"] = [key: "@@value@@"]
        let text = String(decoding: try body(Samples.records(people: [Samples.person(1, activities: [activity])])),
                          as: UTF8.self)
        return Case(name: name, body: Data(text.replacingOccurrences(of: "\"@@value@@\"", with: literal).utf8),
                    path: "people[0].activities[0].params.\(key)")
    }

    /// A records file whose `people` (as written) is `people`.
    static func withPeople(_ people: String) throws -> Data {
        let text = String(decoding: try body(Samples.records(people: [])), as: UTF8.self)
        return Data(text.replacingOccurrences(of: "\"people\":[]", with: "\"people\":\(people)").utf8)
    }

    /// A records file whose `people` is `count` times `1`.
    static func ones(_ count: Int) throws -> Data {
        try withPeople("[" + String(repeating: "1,", count: count - 1) + "1]")
    }

    static func cases() throws -> [Case] {
        // The big bodies are put together as text (cheap): serialising them would hold a cooperative
        // thread for many seconds in a debug build, and other tests' in-process servers share those.
        var unknownKey = Samples.person(1)
        unknownKey["@@key@@"] = 1
        let unknownKeyText = String(decoding: try body(Samples.records(people: [unknownKey])), as: UTF8.self)
            .replacingOccurrences(of: "@@key@@", with: String(repeating: "k", count: 10 << 20))
        var controls = Samples.person(1)
        controls["name"] = "张\u{7}卫\u{1B}[2J东"
        let rawControls = String(decoding: try body(Samples.records(people: [Samples.person(1, name: "张@@卫东")])), as: UTF8.self)
            .replacingOccurrences(of: "@@", with: "\u{1}\u{7}")
        return [
            try number("approved_hours 1e17", kind: "distance_learning", key: "approved_hours", literal: "1e17"),
            try number("approved_hours 1e308", kind: "distance_learning", key: "approved_hours", literal: "1e308"),
            try number("courses 2^53", kind: "self_taught_exam", key: "courses", literal: "9007199254740992"),
            try number("taught_hours 1e308", kind: "teaching", key: "taught_hours", literal: "1e308"),
            try number("visiting months 1e17", kind: "visiting_study", key: "months", literal: "1e17"),
            try number("graduated 1e308", kind: "degree_study", key: "graduated", literal: "1e308"),
            Case(name: "4M people of 1", body: try Self.ones(4_000_000)),
            Case(name: "10 MB unknown key", body: Data(unknownKeyText.utf8)),
            Case(name: "control characters, escaped", body: try body(Samples.records(people: [controls])), path: "people[0].name"),
            Case(name: "control characters, raw", body: Data(rawControls.utf8)),
            Case(name: "deep nesting", body: try withPeople(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))),
        ]
    }

    /// Each case to each endpoint: a JSON refusal (4xx with an error code and a message), the server
    /// alive after it. /v1/check's contract is a 200 report whenever the file as a whole is usable, with
    /// the people in error in it: there, a bad number must be reported at its path as an error (never
    /// accepted, never "inf"). A case that kills the server is named, and the server started again
    /// for the next one, so that one run tells every case that fails.
    @Test func eachCaseIsAJSONRefusal() async throws {
        var limits = ServiceConfiguration.Limits()
        // Room for the 10 MB key: it must reach the parser, not only the size limit.
        limits.bodyBytes = 16 << 20
        var server = try await ServeProcess.start(limits: limits)
        defer { server.stop() }
        var killed: [String] = []
        for hostile in try Self.cases() {
            for endpoint in Self.endpoints {
                let label = "\(hostile.name) → \(endpoint)"
                let response = try? await server.request(.post, endpoint, token: Harness.agencyToken, json: hostile.body)
                if response == nil {
                    // No answer: give a dying process the moment it takes to be reaped.
                    for _ in 0..<40 where server.isRunning { try await Task.sleep(for: .milliseconds(50)) }
                }
                guard server.isRunning else {
                    killed.append("\(label): \(server.ending)")
                    server.stop()
                    server = try await ServeProcess.start(limits: limits)
                    continue
                }
                guard let response else {
                    Issue.record("\(label): no answer")
                    continue
                }
                let json = (try? JSONSerialization.jsonObject(with: response.data)) as? [String: Any]
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(label)")
                if endpoint == "/v1/check", response.status == .ok, let path = hostile.path {
                    #expect(Self.reportsError(at: path, in: json ?? [:]), "\(label): 200 without an error at \(path)")
                    continue
                }
                #expect((400..<500).contains(response.status.code), "\(label): \(response.status)")
                let error = json?["error"] as? [String: Any]
                #expect(!(error?["code"] as? String ?? "").isEmpty && !(error?["message"] as? String ?? "").isEmpty,
                        "\(label): \(String(decoding: response.data.prefix(200), as: UTF8.self))")
            }
        }
        #expect(killed.isEmpty, "the server died: \(killed.joined(separator: "; "))")
        #expect(try await server.request(.get, "/healthz").status == .ok)
    }

    /// A check report (`cedocs check --json`) names `path` as an error of a person, rejected or not.
    static func reportsError(at path: String, in report: [String: Any]) -> Bool {
        let people = (report["rejected"] as? [[String: Any]] ?? []) + (report["people"] as? [[String: Any]] ?? [])
        return people.contains { person in
            (person["problems"] as? [[String: Any]] ?? []).contains {
                $0["severity"] as? String == "error" && ($0["path"] as? String ?? "").hasPrefix(path)
            }
        }
    }

    /// 4M trivial people in an 8 MB body: counting stops at `limits.people` + 1, so the refusal costs
    /// what the limit costs. The server's peak memory (VmHWM, reset before the request) is compared with
    /// its resident memory before it; the times are printed for the record.
    @Test func millionsOfPeopleAreRefusedAtTheLimit() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let records = try Self.ones(4_000_000)
        #expect(records.count < ServiceConfiguration.Limits().bodyBytes)
        // Once first, so that what the first request of a process sets up is not counted.
        let small = try Self.ones(2000)
        #expect(try await server.request(.post, "/v1/check", token: Harness.unitToken, json: small).status == .unprocessableContent)

        try server.resetPeak()
        let before = try #require(server.memory("VmRSS"))
        let start = ContinuousClock.now
        let response = try await server.request(.post, "/v1/check", token: Harness.unitToken, json: records)
        let elapsed = ContinuousClock.now - start
        let peak = try #require(server.memory("VmHWM"))
        print("4M people (\(records.count) bytes): \(response.status.code) in \(elapsed); server RSS \(before) kB before, peak \(peak) kB (+\(peak - before) kB)")

        #expect(response.status == .unprocessableContent)
        let error = (try JSONSerialization.jsonObject(with: response.data) as? [String: Any])?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "too_many_people")
        #expect(peak - before < 20 * 1024, "the server grew by \(peak - before) kB")
        // The upload and a debug build on a shared machine: a bound that holds; the figure is printed.
        #expect(elapsed < .seconds(10))
        #expect(server.isRunning)
    }
}
