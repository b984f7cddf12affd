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

        init(_ stored: StoredVerifyRate?, problem: (String) -> ServiceSetupError) throws(ServiceSetupError) {
            self.init()
            guard let stored else { return }
            burst = stored.burst ?? burst
            perMinute = stored.perMinute ?? perMinute
            trustedProxies = stored.trustedProxies ?? trustedProxies
            guard burst > 0, burst <= 1_000_000, perMinute > 0, perMinute <= 1_000_000 else {
                throw problem("verify_rate 中的 burst 与 per_minute 都应大于 0（且不超过 1000000）")
            }
            for (index, proxy) in trustedProxies.enumerated() where ClientAddress.key(of: proxy) == nil {
                throw problem("verify_rate.trusted_proxies[\(index)]“\(proxy)”不是 IP 地址")
            }
        }
    }
}

/// `verify_rate` as written.
struct StoredVerifyRate: Decodable {
    var burst: Int?
    var perMinute: Double?
    var trustedProxies: [String]?

    enum CodingKeys: String, CodingKey {
        case burst, perMinute = "per_minute", trustedProxies = "trusted_proxies"
    }
}
