import Foundation
import Service
import TestSupport
import Testing

/// The limits of `service.yaml`: defaults, and values no service could mean refused at start.
@Suite struct ConfigurationLimitTests {
    func configuration(_ limits: String) throws -> ServiceConfiguration {
        let file = Repository.temporaryFolder().appendingPathComponent("service.yaml")
        try "request_log: stamp-requests.sqlite\nlimits: \(limits)\n".write(to: file, atomically: true, encoding: .utf8)
        return try ServiceConfiguration(contentsOf: file)
    }

    @Test func defaults() throws {
        let limits = try configuration("{}").limits
        #expect(limits.pendingRequests == 16 && limits.tokenShare == 8)
        #expect(limits.minBodyBytesPerSecond == 16384 && limits.idleSeconds == 5)
        #expect(limits.refusalPauseSeconds == 0.25)
        #expect(try configuration("{ refusal_pause_seconds: 0 }").limits.refusalPauseSeconds == 0)
        #expect(try configuration("{ pending_requests: 1 }").limits.tokenShare == 1)
        #expect(try configuration("{ pending_requests: 6, per_token_requests: 6 }").limits.tokenShare == 6)
    }

    @Test func impossibleLimitsAreRefused() {
        for limits in ["{ per_token_requests: 0 }", "{ pending_requests: 4, per_token_requests: 5 }",
                       "{ idle_seconds: 0 }", "{ idle_seconds: 1e300 }", "{ request_seconds: .inf }",
                       "{ min_body_bytes_per_second: 0.5 }", "{ min_body_bytes_per_second: 1e300 }",
                       "{ refusal_pause_seconds: -1 }", "{ refusal_pause_seconds: 3 }", "{ refusal_pause_seconds: .nan }"] {
            #expect(throws: ServiceSetupError.self, "\(limits)") { try configuration(limits) }
        }
    }
}
