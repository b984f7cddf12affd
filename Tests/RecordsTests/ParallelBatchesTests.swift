import Foundation
import Testing
import Records

@Suite("parallel batches: every item worked on once, handed back in order, the next batch meanwhile")
struct ParallelBatchesTests {
    /// What the worker threads and the calling thread saw, under one lock.
    private final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var worked: [Int] = []

        func work(_ item: Int) {
            lock.lock()
            worked.append(item)
            lock.unlock()
        }

        var items: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return worked
        }
    }

    @Test("each item is worked on once and handed back in order, whatever the batch and thread counts",
          arguments: [(0, 1, 3), (1, 2, 256), (10, 1, 3), (10, 2, 3), (1000, 2, 256), (7, 8, 7)])
    func inOrder(count: Int, workers: Int, size: Int) {
        let seen = Seen()
        var handed: [Int] = []
        ParallelBatches(count: count, workers: workers, size: size).run({ item -> Int in
            seen.work(item)
            return item * item
        }) { item, square in
            #expect(square == item * item)
            handed.append(item)
        }
        #expect(handed == Array(0..<count))
        #expect(seen.items.sorted() == Array(0..<count))
    }

    @Test("the next batch is worked on while the calling thread hands back this one")
    func overlaps() {
        let seen = Seen()
        var overlapped = false
        ParallelBatches(count: 12, workers: 2, size: 4).run({ seen.work($0) }) { item, _ in
            guard item == 0 else { return }
            // Item 4 opens the second batch: without the overlap it is worked on only after this returns.
            let deadline = Date().addingTimeInterval(10)
            while !seen.items.contains(4) && Date() < deadline { usleep(1000) }
            overlapped = seen.items.contains(4)
        }
        #expect(overlapped)
    }

    @Test("a throw from each stops the work on the batch after")
    func throwStops() {
        struct Stop: Error {}
        let seen = Seen()
        var handed: [Int] = []
        #expect(throws: Stop.self) {
            try ParallelBatches(count: 20, workers: 2, size: 4).run({ seen.work($0) }) { (item, _) throws(Stop) in
                if item == 5 { throw Stop() }
                handed.append(item)
            }
        }
        #expect(handed == [0, 1, 2, 3, 4])
        // The second batch (4–7) was being handed back, the third (8–11) perhaps worked on meanwhile;
        // no later one, and nothing is worked on once run returns.
        let worked = seen.items.sorted()
        #expect(Array(worked.prefix(8)) == Array(0..<8))
        #expect(worked.allSatisfy { $0 < 12 })
        usleep(50_000)
        #expect(seen.items.count == worked.count)
    }
}
