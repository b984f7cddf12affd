import Foundation

extension ServiceConfiguration {
    /// The rate limit of the public `/v1/verify` per client address (`verify_rate` in service.yaml):
    ///
    /// ```yaml
    /// verify_rate:                       # each optional; the defaults are shown
    ///   burst: 100                       # requests at once from one address
    ///   per_minute: 60                   # then this many a minute; beyond: 429 with Retry-After
    ///   trusted_proxies: []              # reverse proxies whose X-Forwarded-For names the client
    /// ```
    public struct VerifyRate: Sendable, Equatable {
        public var burst = 100
        public var perMinute = 60.0
        /// Addresses of reverse proxies in front of the service; none by default (the client is the
        /// connection's peer).
        public var trustedProxies: [String] = []

        public init() {}

        init(_ stored: StoredVerifyRate?, problems: inout [ConfigurationProblem]) {
            self.init()
            guard let stored else { return }
            burst = stored.burst ?? burst
            perMinute = stored.perMinute ?? perMinute
            trustedProxies = stored.trustedProxies ?? trustedProxies
            if !(burst > 0 && burst <= 1_000_000) {
                problems.append(ConfigurationProblem(key: "verify_rate.burst", message: "应大于 0 且不超过 1000000"))
            }
            if !(perMinute > 0 && perMinute <= 1_000_000) {
                problems.append(ConfigurationProblem(key: "verify_rate.per_minute", message: "应大于 0 且不超过 1000000"))
            }
            for (index, proxy) in trustedProxies.enumerated() where ClientAddress.key(of: proxy) == nil {
                problems.append(ConfigurationProblem(key: "verify_rate.trusted_proxies[\(index)]", message: "“\(proxy)”不是 IP 地址"))
            }
        }
    }
}

/// `verify_rate` as written.
struct StoredVerifyRate: Decodable {
    var burst: Int?
    var perMinute: Double?
    var trustedProxies: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case burst, perMinute = "per_minute", trustedProxies = "trusted_proxies"
    }
}
