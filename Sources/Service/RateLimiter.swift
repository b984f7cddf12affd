import NIOConcurrencyHelpers

/// Token buckets per client (限流): each client may make `burst` requests at once, then one more each
/// time a token comes back at `perSecond`; past that it is refused, with the seconds until its next
/// token (Retry-After).
///
/// The memory is bounded: at most `capacity` clients are tracked. When a new client comes and the
/// table is full, every bucket that has filled up again is dropped first (forgetting a full bucket
/// changes nothing); if that frees too little, the clients seen longest ago are dropped until a
/// quarter of the table is free, so the sorting this needs happens once per many new clients.
/// A dropped client starts again with a full burst: the bound costs at most that.
final class RateLimiter: Sendable {
    struct Rate: Sendable, Equatable {
        /// Requests allowed at once.
        var burst: Int
        /// Tokens coming back per second.
        var perSecond: Double
    }

    enum Decision: Equatable {
        case allowed
        /// Refused; the client may try again after this many whole seconds.
        case refused(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Rate
    let capacity: Int
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    init(rate: Rate, capacity: Int = 10_000) {
        self.rate = rate
        self.capacity = max(capacity, 1)
    }

    /// Takes a token from `client`'s bucket at `now` (the caller's clock, so that tests drive it).
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLockedValue { buckets in
            var bucket: Bucket
            if let known = buckets[client] {
                bucket = known
                bucket.tokens = refilled(known, at: now)
            } else {
                if buckets.count >= capacity { evict(&buckets, at: now) }
                bucket = Bucket(tokens: Double(rate.burst), updated: now)
            }
            bucket.updated = now
            defer { buckets[client] = bucket }
            guard bucket.tokens >= 1 else {
                let seconds = ((1 - bucket.tokens) / rate.perSecond).rounded(.up)
                return .refused(retryAfter: seconds < 1 ? 1 : seconds > 86_400 ? 86_400 : Int(seconds))
            }
            bucket.tokens -= 1
            return .allowed
        }
    }

    /// How many clients are tracked.
    var tracked: Int { buckets.withLockedValue(\.count) }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        let elapsed = bucket.updated < now ? (now - bucket.updated) / .seconds(1) : 0
        return min(Double(rate.burst), bucket.tokens + elapsed * rate.perSecond)
    }

    private func evict(_ buckets: inout [String: Bucket], at now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now) < Double(rate.burst) }
        let keep = capacity - max(capacity / 4, 1)
        guard buckets.count > keep else { return }
        let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(buckets.count - keep)
        for (client, _) in oldest { buckets[client] = nil }
    }
}
