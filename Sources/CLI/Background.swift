import Foundation

/// Work begun on a thread of its own now and waited for later: a run's slow preparations (hashing
/// the engine for the archive, the first pass over a large records file) go side by side.
final class Background<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once before `done` is signalled and read only after waiting on it.
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result(catching: work)
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work; its error, if it failed.
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
