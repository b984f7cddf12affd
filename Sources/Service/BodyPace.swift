import NIOConcurrencyHelpers

/// 上传速度: a request body must keep coming. After its first `grace` seconds it must keep up, on
/// average since the request began, with `bytesPerSecond`: a client that trickles a body (or sends
/// none after its headers) to hold a connection gets 408 instead of waiting out `request_seconds`.
struct BodyPace: Sendable {
    let bytesPerSecond: Double
    let grace: Double
    private let start = ContinuousClock.now
    private let received = NIOLockedValueBox(0)

    init(bytesPerSecond: Double, grace: Double) {
        self.bytesPerSecond = bytesPerSecond
        self.grace = grace
    }

    /// The body has `bytes` so far.
    func arrived(_ bytes: Int) {
        received.withLockedValue { $0 = bytes }
    }

    /// Waits as long as the body keeps up, waking only when it would fall behind; 408 once it has.
    /// Ends by cancellation when the body is whole.
    func watch() async throws -> Never {
        while true {
            let bytes = received.withLockedValue { $0 }
            let due = start + .seconds(grace + Double(bytes) / bytesPerSecond)
            guard ContinuousClock.now < due else { throw ServiceError.slowBody(bytesPerSecond: bytesPerSecond) }
            try await Task.sleep(until: due, clock: .continuous)
        }
    }
}
