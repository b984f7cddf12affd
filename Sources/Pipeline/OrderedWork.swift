import Foundation

/// Indices 0..<count handed to workers, and their results collected back in index order. A worker
/// waits before taking an index more than `window` ahead of the collector, so results waiting to be
/// collected stay bounded however many there are.
final class OrderedWork<Result: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var next = 0
    private var collected = 0
    private var results: [Int: Result] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next index to work on, or nil when all are taken.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count && next >= collected + window { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ index: Int, _ result: Result) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the result of `index` (collected in order, each once).
    func collect(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        collected = index + 1
        condition.broadcast()
        return results.removeValue(forKey: index)!
    }
}
