import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import Stamping
import TestSupport
import Testing

/// An agency stamps through the service; the serials it issues verify at /v1/verify, as JSON and as
/// the page a scanned QR code opens.
@Suite struct StampAndVerifyTests {
    static var examined: [String: Any] {
        Samples.records(people: [Samples.person(1, name: "张卫东", audit: true),
                                 Samples.person(2, activities: [Samples.activity(hours: 12)], audit: true)])
    }

    @Test func stampThenVerify() async throws {
        let harness = try Harness()
        let records = try body(Self.examined)
        let serials = try await harness.run { client in
            let stamped = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
            #expect(stamped.status == .ok && stamped.headers[.contentType] == "application/zip")
            let entries = try Files.unzip(stamped.data)
            for n in 1...2 {
                for file in ["registration", "certificate", "result"] {
                    #expect(entries["people/\(Samples.idNumber(n))/2016/\(file).pdf"] != nil, "\(file) of \(n)")
                }
            }
            #expect(entries["units/\(Harness.unitName)/2016/annual-audit.pdf"] != nil)
            let result = try Files.pdfText(entries["people/\(Samples.idNumber(1))/2016/result.pdf"]!)
            #expect(result.contains("继续教育审验合格") && result.contains("张卫东"))
            let report = try JSONSerialization.jsonObject(with: entries["stamp-report.json"]!) as! [String: Any]
            let issued = report["issued"] as! [[String: Any]]
            #expect(issued.count == 3)
            let serials = issued.map { $0["serial"] as! String }

            // The serial alone, as typed by hand: only that it was issued and is current.
            let serial = try #require(Serial(serials[0]))
            let issuedResult = try #require(try SQLiteRegistry(file: harness.agencyRegistry, create: true).issued(serial))
            let bare = try await client.request(.get, "/v1/verify/\(serials[0])")
            #expect(bare.status == .ok && bare.json["status"] as? String == "valid" && bare.json["proof"] as? String == "none")
            #expect(bare.json["result"] == nil)

            // With the check code typed from the paper: the result, masked.
            let json = try await client.request(.get, "/v1/verify/\(serials[0])?code=\(issuedResult.signed.checkCode)")
            #expect(json.status == .ok && json.json["status"] as? String == "genuine" && json.json["proof"] as? String == "check_code")
            let facts = try #require(json.json["result"] as? [String: String])
            #expect(facts["person_name"] == "张*东" && facts["person_id"] == Masking.idNumber(Samples.idNumber(1)))
            #expect(facts["verdict"] == "合格" && !facts.keys.contains { $0.hasSuffix("_sha256") })
            #expect(!String(buffer: json.body).contains(Samples.idNumber(1)))
            #expect(!String(buffer: json.body).contains(issuedResult.signed.checkCode))

            // The QR code's URL, opened by a phone.
            let url = issuedResult.signed.verificationURL(base: "http://127.0.0.1/v1/verify")
            let path = String(url.dropFirst("http://127.0.0.1".count))
            let page = try await client.request(.get, path, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: page.body)
            #expect(html.contains("审验结果真实有效") && html.contains("张*东") && html.contains("合格"))
            #expect(!html.contains("张卫东") && !html.contains(Samples.idNumber(1)))
            #expect(!html.contains(issuedResult.signed.checkCode))

            // A signature that is not the agency's: its first character changed.
            let sig = path.range(of: "sig=")!.upperBound
            let wrongSig = path.replacingCharacters(in: sig..<path.index(after: sig), with: path[sig] == "A" ? "B" : "A")
            let bad = try await client.request(.get, wrongSig)
            #expect(bad.status == .ok && bad.json["status"] as? String == "forged")
            let garbled = try await client.request(.get, "/v1/verify/\(serials[0])?sig=not*base64")
            #expect(garbled.status == .badRequest)

            let unknown = try await client.request(.get, "/v1/verify/XZPX-2016-099999")
            #expect(unknown.status == .notFound && unknown.error["code"] as? String == "unknown_serial")
            let otherAgency = try await client.request(.get, "/v1/verify/ABCD-2016-000001", headers: [.accept: "text/html"])
            #expect(otherAgency.status == .notFound && String(buffer: otherAgency.body).contains("查无此编号"))
            #expect(try await client.request(.get, "/v1/verify/nonsense").status == .badRequest)

            // Stamping the same records again reuses the serials.
            let again = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
            let second = try JSONSerialization.jsonObject(with: try Files.unzip(again.data)["stamp-report.json"]!) as! [String: Any]
            #expect((second["issued"] as! [[String: Any]]).map { $0["serial"] as! String } == serials)
            return serials
        }
        let log = try SQLiteRegistry(file: harness.configuration.requestLog, create: true).stampRequests()
        #expect(log.count == 2)
        #expect(log.allSatisfy { $0.requester == "市职业技术培训中心" && $0.agency == "XZPX" && $0.status == 200 })
        #expect(log.first?.serials == serials && log.first?.people == 2 && log.first?.unit == Harness.unitName)
    }
}
