import Foundation

/// Items that do not depend on each other (a file's people, a sheet's rows) worked through a batch at
/// a time on every core, each batch's results then handed back in order on the calling thread: the
/// order a report and its counts need, with the memory of two batches. What does depend on the items
/// before (a duplicate ID, a running total) belongs in `each`, which sees them in order.
///
/// The next batch is worked on while the calling thread hands back the one before: where `each` does
/// real work (a stamp run records each result it reads back in the registry's one transaction), the
/// two overlap instead of taking turns.
public struct ParallelBatches: Sendable {
    public let count: Int
    public let workers: Int
    /// Items per batch: enough to keep every core busy, few enough to hold at once.
    public let size: Int

    public init(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, size: Int = 256) {
        self.count = count
        self.workers = max(1, workers)
        self.size = max(1, size)
    }

    /// `work(i)` for every item `i` in `0..<count`, on up to `workers` threads; then `each(i, result)`
    /// in order, batch by batch. A throw from `each` stops the work on the batch after (some of whose
    /// items `work` may have done, unseen).
    public func run<Result, Failure: Error>(_ work: @escaping (Int) -> Result,
                                            each: (Int, Result) throws(Failure) -> Void) throws(Failure) {
        guard count > 0 else { return }
        var batch = 0..<min(size, count)
        var results = Batch(batch, helpers: min(workers, batch.count) - 1, work).results()
        while true {
            let next = batch.upperBound..<min(batch.upperBound + size, count)
            let upcoming = next.isEmpty ? nil : Batch(next, helpers: min(workers, next.count) - 1, work)
            do {
                for (offset, result) in results.enumerated() { try each(batch.lowerBound + offset, result) }
            } catch {
                upcoming?.stop()
                throw error
            }
            guard let upcoming else { return }
            batch = next
            results = upcoming.results()
        }
    }
}

/// One batch of items, claimed one at a time by `helpers` blocks of the global queue and, once it asks
/// for the results, by the calling thread: so the caller hands back the batch before while the
/// helpers start on this one, then joins them. (`concurrentPerform` cannot start while the caller is
/// busy; a caller that only waited would leave a core idle, since a command runs on a worker of the
/// global queue, one of as many as there are cores; and waiting for a helper that never got a thread
/// would wait for ever, so the caller waits only for the items the helpers took.)
private final class Batch<Result>: @unchecked Sendable {
    // @unchecked: `next`, `stopped` and `taken` are read and written under `condition`; each slot is
    // written by the one thread that took its item, and read once no item is being worked on.
    private let items: Range<Int>
    private let work: (Int) -> Result
    private let slots: UnsafeMutableBufferPointer<Result?>
    private let condition = NSCondition()
    private var next: Int
    private var stopped = false
    /// Items taken and not yet done.
    private var taken = 0

    init(_ items: Range<Int>, helpers: Int, _ work: @escaping (Int) -> Result) {
        self.items = items
        self.work = work
        slots = .allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        next = items.lowerBound
        for _ in 0..<max(0, helpers) {
            DispatchQueue.global().async { [self] in help() }
        }
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Works on the items nobody has taken yet, until none is left.
    private func help() {
        while let item = take() {
            slots[item - items.lowerBound] = work(item)
            condition.lock()
            taken -= 1
            if taken == 0 { condition.broadcast() }
            condition.unlock()
        }
    }

    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, next < items.upperBound else { return nil }
        next += 1
        taken += 1
        return next - 1
    }

    /// No more items are taken; returns once those taken are done.
    func stop() {
        condition.lock()
        stopped = true
        while taken > 0 { condition.wait() }
        condition.unlock()
    }

    /// Joins the helpers until every item is taken, waits for those still being worked on, then gives
    /// the results in the items' order.
    func results() -> [Result] {
        help()
        stop()
        return slots.map { $0! }
    }
}
