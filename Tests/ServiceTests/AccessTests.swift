import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import TestSupport
import Testing

/// Tokens and roles: 401 without a known token, 403 for what the token may not do, and the same
/// 403 whether or not another unit exists anywhere.
@Suite struct AccessTests {
    static var own: [String: Any] { Samples.records(people: [Samples.person(1, audit: true)]) }

    @Test func noTokenOrAWrongOneIs401() async throws {
        let records = try body(Self.own)
        try await Harness().run { client in
            for token in [nil, "wrong", Harness.unitToken + "x"] {
                let response = try await client.post("/v1/check", token: token, records: records)
                #expect(response.status == .unauthorized && response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.error["code"] as? String == "unauthorized")
            }
            let basic = try await client.post("/v1/check", token: nil, records: records,
                                              headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(basic.status == .unauthorized)
        }
    }

    @Test func aUnitWorksOnItsOwnRecordsOnly() async throws {
        let own = try body(Self.own)
        let configured = try body(Samples.records(people: [Samples.person(1)], unit: "徐州市其他单位"))
        let unknown = try body(Samples.records(people: [Samples.person(1)], unit: "徐州市不存在单位"))
        try await Harness().run { client in
            #expect(try await client.post("/v1/check", token: Harness.unitToken, records: own).status == .ok)
            let a = try await client.post("/v1/render/annual-audit", token: Harness.unitToken, records: configured)
            let b = try await client.post("/v1/render/annual-audit", token: Harness.unitToken, records: unknown)
            #expect(a.status == .forbidden && b.status == .forbidden)
            // Nothing tells a unit that exists here from one that does not, but the name it sent itself.
            #expect((a.error["message"] as! String).replacingOccurrences(of: "徐州市其他单位", with: "X")
                == (b.error["message"] as! String).replacingOccurrences(of: "徐州市不存在单位", with: "X"))
            #expect(try await client.post("/v1/check", token: Harness.otherUnitToken, records: own).status == .forbidden)
        }
    }

    @Test func onlyAnAgencyStampsAndOnlyForItsDistricts() async throws {
        let harness = try Harness()
        let own = try body(Self.own)
        try await harness.run { client in
            let unit = try await client.post("/v1/stamp", token: Harness.unitToken, records: own)
            #expect(unit.status == .forbidden)
            let county = try await client.post("/v1/stamp", token: Harness.countyToken, records: own)
            #expect(county.status == .forbidden)
            // An agency may check and render for its districts, not for others'.
            #expect(try await client.post("/v1/check", token: Harness.agencyToken, records: own).status == .ok)
            #expect(try await client.post("/v1/check", token: Harness.countyToken, records: own).status == .forbidden)
            let anonymous = try await client.post("/v1/stamp", token: nil, records: own)
            #expect(anonymous.status == .unauthorized)
        }
        // Every refused request of a known token is in the log, with who asked and what about.
        let log = try SQLiteRegistry(file: harness.configuration.requestLog, create: true).stampRequests()
        #expect(log.map(\.requester) == ["测试单位人事处", "铜山区职称办"])
        #expect(log.map(\.status) == [403, 403])
        #expect(log.map(\.agency) == [nil, "TSZC"])
        #expect(log.allSatisfy { $0.unit == Harness.unitName && $0.year == 2016 && $0.outcome.hasPrefix("拒绝") })
    }
}
