import Foundation

/// Items that do not depend on each other (a file's people, a sheet's rows) worked through a batch at
/// a time on every core, each batch's results then handed back in order on the calling thread: the
/// order a report and its counts need, with the memory of one batch. What does depend on the items
/// before (a duplicate ID, a running total) belongs in `each`, which sees them in order.
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
    /// in order, batch by batch. A throw from `each` stops before the next batch is worked on.
    public func run<Result, Failure: Error>(_ work: (Int) -> Result,
                                            each: (Int, Result) throws(Failure) -> Void) throws(Failure) {
        var start = 0
        while start < count {
            let batch = start..<min(start + size, count)
            var results = [Result?](repeating: nil, count: batch.count)
            results.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                let threads = min(workers, batch.count)
                withoutActuallyEscaping(work) { work in
                    nonisolated(unsafe) let work = work
                    DispatchQueue.concurrentPerform(iterations: threads) { thread in
                        for offset in stride(from: thread, to: batch.count, by: threads) {
                            slots[offset] = work(batch.lowerBound + offset)
                        }
                    }
                }
            }
            for (offset, result) in results.enumerated() { try each(batch.lowerBound + offset, result!) }
            start = batch.upperBound
        }
    }
}
