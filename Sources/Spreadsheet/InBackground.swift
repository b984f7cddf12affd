import Dispatch

/// A value worked out on another thread while this one goes on; `value` waits for it.
final class InBackground<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once, before `done` is left, and read only after waiting on it.
    private var result: Value?
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.done.leave()
        }
    }

    var value: Value {
        done.wait()
        return result!
    }
}
