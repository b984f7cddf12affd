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
    /// in order, batch by batch. A throw from `each` stops the batches after the one being worked on
    /// meanwhile (so `work` may have run for up to one batch whose results nobody sees).
    public func run<Result, Failure: Error>(_ work: (Int) -> Result,
                                            each: (Int, Result) throws(Failure) -> Void) throws(Failure) {
        guard count > 0 else { return }
        try withoutActuallyEscaping(work) { (work) throws(Failure) in
            nonisolated(unsafe) let work = work
            var batch = 0..<min(size, count)
            var results = perform(batch, work)
            while true {
                let next = batch.upperBound..<min(batch.upperBound + size, count)
                let upcoming = Upcoming<Result>()
                let group = DispatchGroup()
                if !next.isEmpty {
                    DispatchQueue.global().async(group: group) { upcoming.results = perform(next, work) }
                }
                // Every exit waits for the next batch: `work` must not outlive this call.
                defer { group.wait() }
                for (offset, result) in results.enumerated() { try each(batch.lowerBound + offset, result!) }
                group.wait()
                guard !next.isEmpty else { return }
                batch = next
                results = upcoming.results
            }
        }
    }

    /// `work` for each item of `batch`, on up to `workers` threads, in the batch's order.
    private func perform<Result>(_ batch: Range<Int>, _ work: (Int) -> Result) -> [Result?] {
        var results = [Result?](repeating: nil, count: batch.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let work = work
            let threads = min(workers, batch.count)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for offset in stride(from: thread, to: batch.count, by: threads) {
                    slots[offset] = work(batch.lowerBound + offset)
                }
            }
        }
        return results
    }
}

/// The next batch's results, written by the thread that works on it and read after it is waited for.
private final class Upcoming<Result>: @unchecked Sendable {
    var results: [Result?] = []
}
