import Foundation

/// How long a request may work, and whether its client is still there. Long work calls `check()`
/// between people: a request past its time stops with 408, one whose client has gone stops at once
/// and frees its place in the pool.
struct RequestBudget: Sendable {
    let seconds: Double
    let client: ClientWatch?
    let deadline: ContinuousClock.Instant

    init(seconds: Double, client: ClientWatch?) {
        self.seconds = seconds
        self.client = client
        deadline = .now + .milliseconds(Int64(seconds * 1000))
    }

    func check() throws(ServiceError) {
        guard client?.clientLeft != true, !Task.isCancelled else { throw .clientGone }
        guard ContinuousClock.now < deadline else { throw .timeout(seconds: seconds) }
    }

    /// Runs `body`, answering 408 when it is still at work at the deadline: `body` is then cancelled
    /// (and sees it at its next `check()`), the client is answered without waiting for it.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask { [deadline] in
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw ServiceError.timeout(seconds: seconds)
            }
            return value
        }
    }
}
