import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import Stamping
import TestSupport
import Testing

/// Verification tells a person's result only to one who shows they hold the document (the QR code's
/// signature or the check code), against a real registry filled by real stamp requests.
@Suite struct VerifyPrivacyTests {
    /// Two people stamped, then one of them again with other hours: current and superseded results.
    static func stamped(_ harness: Harness, _ client: Client) async throws -> [IssuedResult] {
        let people = (1...2).map { Samples.person($0, audit: true) }
        _ = try await client.post("/v1/stamp", token: Harness.agencyToken, records: try body(Samples.records(people: people)))
        var changed = people
        changed[0] = Samples.person(1, activities: [Samples.activity(hours: 30),
                                                    Samples.activity(content: "专业课程", subject: "professional", hours: 48, day: 2)],
                                    audit: true)
        _ = try await client.post("/v1/stamp", token: Harness.agencyToken, records: try body(Samples.records(people: changed)))
        let registry = try SQLiteRegistry(file: harness.agencyRegistry, create: true)
        return try (1...999).compactMap { Serial(agency: "XZPX", year: 2016, sequence: $0) }.compactMap { try registry.issued($0) }
    }

    /// What must never reach someone without proof: every person's name and ID number, whole or
    /// masked, the unit, the date, the verdict, the check code.
    static func secrets(_ issued: [IssuedResult]) -> Set<String> {
        var secrets: Set<String> = ["合格", Harness.unitName]
        for result in issued {
            let content = result.signed.content
            if let name = content["person_name"] { secrets.formUnion([name, Masking.name(name)]) }
            if let id = content["person_id"] { secrets.formUnion([id, Masking.idNumber(id)]) }
            secrets.formUnion([content["date"] ?? "2017-02-10", result.issuedAt, result.signed.checkCode])
        }
        return secrets
    }

    @Test func enumeratingSerialsWithoutProofShowsNoPersonalData() async throws {
        var rate = ServiceConfiguration.VerifyRate()
        rate.burst = 10_000
        let harness = try Harness(verifyRate: rate)
        try await harness.run { client in
            let issued = try await Self.stamped(harness, client)
            #expect(issued.count >= 4 && issued.contains { $0.supersededBy != nil })
            let secrets = Self.secrets(issued)
            var statuses: [String: Int] = [:]
            for n in 1...1000 {
                let serial = "XZPX-2016-" + String(format: "%06d", n)
                let json = try await client.request(.get, "/v1/verify/\(serial)")
                let text = String(buffer: json.body)
                if json.status == .ok {
                    #expect(Set(json.json.keys).isSubset(of: ["proof", "status", "message", "serial"]), "\(serial): \(text)")
                    #expect(json.json["proof"] as? String == "none")
                    statuses[json.json["status"] as? String ?? "", default: 0] += 1
                } else {
                    #expect(json.status == .notFound && Set(json.json.keys) == ["error"], "\(serial): \(text)")
                }
                let page = try await client.request(.get, "/v1/verify/\(serial)", headers: [.accept: "text/html"])
                #expect(page.status == json.status)
                let html = String(buffer: page.body)
                for secret in secrets {
                    #expect(!text.contains(secret) && !html.contains(secret), "\(serial) gives away “\(secret)”")
                }
                for label in ["姓名", "公民身份号码", "工作单位", "合计学时", "审验结论", "审验日期", "审验机构"] {
                    #expect(!html.contains("<th>\(label)"), "\(serial) shows \(label)")
                }
            }
            #expect(statuses == ["valid": issued.count(where: { $0.supersededBy == nil }),
                                 "superseded": issued.count(where: { $0.supersededBy != nil })])
        }
    }

    /// Without a code, with a wrong one and with the right one as people type it; JSON and the page alike.
    @Test func aWrongCheckCodeIsAnsweredAsNoneAndTheRightOneShowsTheResult() async throws {
        let harness = try Harness()
        try await harness.run { client in
            let issued = try await Self.stamped(harness, client)
            let current = try #require(issued.first { $0.supersededBy == nil && $0.signed.content["person_name"] != nil })
            let superseded = try #require(issued.first { $0.supersededBy != nil && $0.signed.content["person_name"] != nil })
            for result in [current, superseded] {
                let code = result.signed.checkCode
                let other = try #require(issued.first { $0.serial != result.serial }).signed.checkCode
                let nearMiss = String(code.dropLast()) + (code.last == "Z" ? "Y" : "Z")
                let uri = "/v1/verify/\(result.serial)"
                for accept in ["application/json", "text/html"] {
                    let none = try await client.request(.get, uri, headers: [.accept: accept])
                    #expect(none.status == .ok)
                    for wrong in ["", "0000-0000", nearMiss, other, String(code.prefix(4)), code + "0", String(repeating: "A", count: 500)] {
                        let answer = try await client.request(.get, uri + "?code=" + Self.encoded(wrong), headers: [.accept: accept])
                        #expect(answer.status == none.status && answer.headers[.contentType] == none.headers[.contentType])
                        #expect(answer.data == none.data, "code “\(wrong)” is answered otherwise than none")
                    }
                    // The code as people type it: lower case, without the dash, spaced, full-width, O for 0.
                    let fullWidth = String(String.UnicodeScalarView(code.unicodeScalars.map {
                        $0 == "-" ? "－" : Unicode.Scalar($0.value + 0xFEE0) ?? $0
                    }))
                    for typed in [code, code.lowercased(), code.replacingOccurrences(of: "-", with: ""), " \(code.prefix(4)) \(code.suffix(4)) ",
                                  fullWidth, code.replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "I")] {
                        let answer = try await client.request(.get, uri + "?code=" + Self.encoded(typed), headers: [.accept: accept])
                        #expect(answer.status == .ok && answer.data != none.data, "code typed as “\(typed)”")
                        let text = String(buffer: answer.body)
                        #expect(text.contains(Masking.name(result.signed.content["person_name"] ?? "?")))
                        #expect(!text.contains(code) && !text.contains(code.replacingOccurrences(of: "-", with: "")))
                        if accept == "application/json" {
                            #expect(answer.json["proof"] as? String == "check_code")
                            #expect(answer.json["status"] as? String == (result.supersededBy == nil ? "genuine" : "superseded"))
                            #expect((answer.json["result"] as? [String: String])?["verdict"] == "合格")
                        } else {
                            #expect(text.contains(#"<th scope="row">审验结论</th><td>合格</td>"#))
                        }
                    }
                }
            }
            // The page asks for the check code: its form's GET goes to /verify with the serial and the field `code`.
            let page = String(buffer: try await client.request(.get, "/v1/verify/\(current.serial)", headers: [.accept: "text/html"]).body)
            #expect(page.contains(#"<form method="get" action="/verify""#) && page.contains(#"name="serial" value="\#(current.serial)""#)
                    && page.contains(#"name="code""#))
            #expect(page.contains("审验编号有效") && !page.contains("审验结果真实有效"))
            let submitted = String(buffer: try await client.request(
                .get, "/v1/verify/\(current.serial)?code=\(current.signed.checkCode)", headers: [.accept: "text/html"]).body)
            #expect(submitted.contains("审验结果真实有效") && !submitted.contains("<form"))

            // An unknown serial: 404 with a code or without.
            let unknown = try await client.request(.get, "/v1/verify/XZPX-2016-000999")
            let guessed = try await client.request(.get, "/v1/verify/XZPX-2016-000999?code=\(current.signed.checkCode)")
            #expect(unknown.status == .notFound && guessed.status == .notFound && unknown.data == guessed.data)
        }
    }

    /// Percent-encoded for a query value: everything but ASCII letters and digits.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) ?? text
    }
}
