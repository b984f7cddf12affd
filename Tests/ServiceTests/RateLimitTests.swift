import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Service
import TestSupport
import Testing

/// The public verify route's rate limit: a burst, then a steady rate, then 429 with Retry-After.
@Suite struct RateLimitTests {
    static let start = ContinuousClock.now

    static func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int64(seconds * 1000)) }

    @Test func theHundredAndFirstOfABurstIsRefusedAndTheBucketRefills() {
        // The defaults of verify_rate: 100 at once, 60 a minute.
        let defaults = ServiceConfiguration.VerifyRate()
        let limiter = RateLimiter(rate: .init(burst: defaults.burst, perSecond: defaults.perMinute / 60))
        for n in 1...100 { #expect(limiter.take("192.0.2.1", now: Self.at(0)) == .allowed, "request \(n)") }
        #expect(limiter.take("192.0.2.1", now: Self.at(0)) == .refused(retryAfter: 1))
        // Another address has its own bucket.
        #expect(limiter.take("192.0.2.2", now: Self.at(0)) == .allowed)
        #expect(limiter.take("192.0.2.1", now: Self.at(0.5)) == .refused(retryAfter: 1))
        // One token a second comes back.
        #expect(limiter.take("192.0.2.1", now: Self.at(1.0)) == .allowed)
        #expect(limiter.take("192.0.2.1", now: Self.at(1.0)) == .refused(retryAfter: 1))
        // After 100 s the whole burst again, and no more.
        for n in 1...100 { #expect(limiter.take("192.0.2.1", now: Self.at(101)) == .allowed, "request \(n)") }
        #expect(limiter.take("192.0.2.1", now: Self.at(101)) == .refused(retryAfter: 1))
    }

    @Test func retryAfterIsTheTimeToTheNextToken() {
        let limiter = RateLimiter(rate: .init(burst: 2, perSecond: 0.1))
        #expect(limiter.take("a", now: Self.at(0)) == .allowed && limiter.take("a", now: Self.at(0)) == .allowed)
        #expect(limiter.take("a", now: Self.at(0)) == .refused(retryAfter: 10))
        #expect(limiter.take("a", now: Self.at(7.5)) == .refused(retryAfter: 3))
        #expect(limiter.take("a", now: Self.at(10)) == .allowed)
    }

    @Test func theTableIsBoundedFullBucketsGoFirstThenTheOldest() {
        let limiter = RateLimiter(rate: .init(burst: 2, perSecond: 1), capacity: 3)
        #expect(limiter.take("y", now: Self.at(0)) == .allowed)          // 1 left, full again at 1 s
        #expect(limiter.take("x", now: Self.at(1)) == .allowed && limiter.take("x", now: Self.at(1)) == .allowed)
        #expect(limiter.take("x", now: Self.at(1)) == .refused(retryAfter: 1))
        #expect(limiter.take("z", now: Self.at(1.5)) == .allowed)        // 1 left
        // The table is full: y's bucket is full again, so y goes and x keeps its state (one token, not two).
        #expect(limiter.take("w", now: Self.at(2)) == .allowed)
        #expect(limiter.tracked == 3)
        #expect(limiter.take("x", now: Self.at(2)) == .allowed)
        #expect(limiter.take("x", now: Self.at(2)) == .refused(retryAfter: 1))
        // Full again with no full bucket: the one seen longest ago (z) goes, and starts afresh.
        #expect(limiter.take("v", now: Self.at(2.1)) == .allowed)
        #expect(limiter.tracked <= 3)
        #expect(limiter.take("z", now: Self.at(2.1)) == .allowed && limiter.take("z", now: Self.at(2.1)) == .allowed)
        // Many addresses never hold more than the capacity.
        for n in 0..<1000 { _ = limiter.take("10.0.\(n / 256).\(n % 256)", now: Self.at(3)) }
        #expect(limiter.tracked <= 3)
    }

    @Test func clientAddresses() throws {
        #expect(ClientAddress.key(of: "192.0.2.7") == "192.0.2.7")
        #expect(ClientAddress.key(of: "::ffff:192.0.2.7") == "192.0.2.7")
        #expect(ClientAddress.key(of: "2001:db8:1:2:aaaa::1") == ClientAddress.key(of: "2001:db8:1:2:bbbb::9"))
        #expect(ClientAddress.key(of: "2001:db8:1:2::1") != ClientAddress.key(of: "2001:db8:1:3::1"))
        #expect(ClientAddress.key(of: "not an address") == nil)
    }

    @Test func verifyRateInTheConfiguration() throws {
        let folder = Repository.temporaryFolder()
        func read(_ yaml: String) throws -> ServiceConfiguration {
            let file = folder.appendingPathComponent("service.yaml")
            try yaml.write(to: file, atomically: true, encoding: .utf8)
            return try ServiceConfiguration(contentsOf: file)
        }
        #expect(try read("request_log: r.sqlite\n").verifyRate == ServiceConfiguration.VerifyRate())
        let set = try read("verify_rate: { burst: 5, per_minute: 2.5, trusted_proxies: [\"10.0.0.1\", \"::1\"] }\n").verifyRate
        #expect(set.burst == 5 && set.perMinute == 2.5 && set.trustedProxies == ["10.0.0.1", "::1"])
        for (yaml, words) in [("verify_rate: { burst: 0 }", "verify_rate.burst：应大于 0"),
                              ("verify_rate: { per_minute: -1 }", "verify_rate.per_minute：应大于 0"),
                              ("verify_rate: { trusted_proxies: [proxy.example.org] }", "verify_rate.trusted_proxies[0]：“proxy.example.org”不是 IP 地址")] {
            #expect(throws: ServiceSetupError.self, "\(yaml)") { try read(yaml + "\n") }
            do { _ = try read(yaml + "\n") } catch { #expect("\(error)".contains(words) && "\(error)".contains("service.yaml")) }
        }
    }

    /// A small burst from service.yaml, end to end: three pass, the fourth is refused as JSON and as a
    /// page, with the seconds until the next token (one every two minutes here, so that a slow machine
    /// cannot refill the bucket during the test).
    @Test func theServiceRefusesPastTheBurst() async throws {
        var rate = ServiceConfiguration.VerifyRate()
        rate.burst = 3
        rate.perMinute = 0.5
        try await Harness(verifyRate: rate).run { client in
            for n in 1...3 {
                #expect(try await client.request(.get, "/v1/verify/XZPX-2016-00000\(n)").status == .notFound, "request \(n)")
            }
            let refused = try await client.request(.get, "/v1/verify/XZPX-2016-000004")
            #expect(refused.status == .tooManyRequests && refused.error["code"] as? String == "rate_limited")
            let seconds = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...120).contains(seconds) && (refused.error["message"] as? String ?? "").contains("\(seconds) 秒"))
            let page = try await client.request(.get, "/v1/verify/XZPX-2016-000004", headers: [.accept: "text/html"])
            #expect(page.status == .tooManyRequests && page.headers[.retryAfter].flatMap { Int($0) } != nil)
            #expect(String(buffer: page.body).contains("查询过于频繁"))
        }
    }

    /// verify_rate from service.yaml; X-Forwarded-For counts only from a configured proxy.
    @Test func configuredBurstAndTrustedProxy() async throws {
        var rate = ServiceConfiguration.VerifyRate()
        rate.burst = 2
        rate.perMinute = 0.5
        try await Harness(verifyRate: rate).run { client in
            for address in ["203.0.113.1", "203.0.113.2"] {
                let answer = try await client.request(.get, "/v1/verify/XZPX-2016-000001", headers: [.init("X-Forwarded-For")!: address])
                #expect(answer.status == .notFound)
            }
            let third = try await client.request(.get, "/v1/verify/XZPX-2016-000001", headers: [.init("X-Forwarded-For")!: "203.0.113.3"])
            #expect(third.status == .tooManyRequests && third.headers[.retryAfter].flatMap { Int($0) }.map { (1...120).contains($0) } == true)
        }
        rate.trustedProxies = ["127.0.0.1", "::1"]
        try await Harness(verifyRate: rate).run { client in
            func ask(_ forwarded: String) async throws -> HTTPResponse.Status {
                try await client.request(.get, "/v1/verify/XZPX-2016-000001", headers: [.init("X-Forwarded-For")!: forwarded]).status
            }
            // Two from 203.0.113.1 (the proxy's own entry is the last), the third refused; another client is served.
            let answers = [try await ask("203.0.113.1"), try await ask("198.51.100.9, 203.0.113.1"),
                           try await ask("203.0.113.1"), try await ask("203.0.113.2")]
            #expect(answers == [.notFound, .notFound, .tooManyRequests, .notFound])
        }
    }
}
