import Archiving
import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import Stamping
import TestSupport
import Testing

/// The city office (市职称办) draws its spot check across agencies at /v1/spot-check, on either store.
@Suite struct SpotCheckTests {
    /// Seven people of one unit, all examined by XZPX.
    static var records: [String: Any] {
        Samples.records(people: (1...7).map { Samples.person($0, audit: true) })
    }

    @Test("the bureau's sample: ceil(rate × n) of the agency's person results, the same for the same seed, as CSV and as PDF",
          arguments: TestStore.allCases)
    func sample(_ store: TestStore) async throws {
        let harness = try Harness(store: store)
        let records = try body(Self.records)
        try await harness.run { client in
            let stamped = try await client.post("/v1/stamp", token: Harness.agencyToken, records: records)
            #expect(stamped.status == .ok)
            let uri = "/v1/spot-check?year=2016&rate=0.3&seed=2017"
            let csv = try await client.request(.get, uri, token: Harness.bureauToken)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(decoding: csv.data.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("序号,审验机构,年度,审验编号") == true)
            // ceil(0.3 × 7) = 3 of the seven people; the unit's 附件2 is not a person's result.
            let serials = lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) }
            #expect(serials.count == 3 && Set(serials).count == 3)
            #expect(serials.allSatisfy { Serial($0).map { $0.agency == "XZPX" && (1...7).contains($0.sequence) } ?? false })
            #expect(!String(decoding: csv.data, as: UTF8.self).contains(Samples.idNumber(1)), "the people are masked")

            let again = try await client.request(.get, uri, token: Harness.bureauToken)
            #expect(again.data == csv.data)

            let pdf = try await client.request(.get, uri, token: Harness.bureauToken, headers: [.accept: "application/pdf"])
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            let text = try Files.pdfText(pdf.data)
            #expect(serials.allSatisfy { text.contains($0) })
        }
    }

    @Test("agencies and units get 403; a missing seed or too low a rate 400; no token 401")
    func refused() async throws {
        let harness = try Harness()
        try await harness.run { client in
            let uri = "/v1/spot-check?year=2016&rate=0.2&seed=1"
            for token in [Harness.agencyToken, Harness.unitToken] {
                #expect(try await client.request(.get, uri, token: token).status == .forbidden)
            }
            #expect(try await client.request(.get, uri).status == .unauthorized)
            #expect(try await client.request(.get, "/v1/spot-check?year=2016", token: Harness.bureauToken).status == .badRequest)
            #expect(try await client.request(.get, "/v1/spot-check?year=2016&rate=0.1&seed=1", token: Harness.bureauToken).status
                    == .badRequest)
            // Nothing stamped yet: an empty list, not an error.
            let empty = try await client.request(.get, uri, token: Harness.bureauToken)
            #expect(empty.status == .ok && String(decoding: empty.data.dropFirst(3), as: UTF8.self).split(separator: "\r\n").count == 1)
        }
    }
}
