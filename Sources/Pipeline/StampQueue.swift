import Foundation
import Registry
import Stamping

/// One stamp attempt's work on a pool of threads (`StampJob`). Every person is checked, handed out in
/// roster order within a window; the calling thread collects the checks in that order, numbers each
/// person who needs a new serial (so serials follow the roster) and hands them back to be issued. The
/// same threads issue while later people are still being checked, issuing first: no thread waits
/// between the two, and each keeps one renderer, warm, for the whole attempt.
final class StampQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var next = 0
    private var collected = 0
    private var checks: [Int: StampRun.Step] = [:]
    private var issues: [Issue] = []
    private var issued: [(index: Int, step: StampRun.Step)] = []
    /// Issues handed in whose results are not yet collected.
    private var outstanding = 0
    private var closed = false

    /// A checked person to issue under a new serial.
    struct Issue: Sendable {
        var index: Int
        var person: StampRun.CheckedPerson
        var serial: Serial
        var current: IssuedResult?
    }

    enum Task {
        case check(Int)
        case issue(Issue)
    }

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next task, or nil when every person is checked and no more issues will come.
    func take() -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if !issues.isEmpty { return .issue(issues.removeFirst()) }
            if next < count && next < collected + window {
                next += 1
                return .check(next - 1)
            }
            if next >= count && closed { return nil }
            condition.wait()
        }
    }

    func deliver(check index: Int, _ step: StampRun.Step) {
        condition.lock()
        checks[index] = step
        condition.broadcast()
        condition.unlock()
    }

    func deliver(issued index: Int, _ step: StampRun.Step) {
        condition.lock()
        issued.append((index, step))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the check of `index` (collected in order, each once).
    func collect(check index: Int) -> StampRun.Step {
        condition.lock()
        defer { condition.unlock() }
        while checks[index] == nil { condition.wait() }
        collected = index + 1
        condition.broadcast()
        return checks.removeValue(forKey: index)!
    }

    func issue(_ issue: Issue) {
        condition.lock()
        issues.append(issue)
        outstanding += 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more issues will be handed in: the threads end once the last is done.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The issues done since the last call; with `waiting`, waits for at least one while any is
    /// outstanding. Empty when none is (or, without `waiting`, none is done yet).
    func collectIssued(waiting: Bool) -> [(index: Int, step: StampRun.Step)] {
        condition.lock()
        defer { condition.unlock() }
        while waiting && issued.isEmpty && outstanding > 0 { condition.wait() }
        let done = issued
        issued.removeAll()
        outstanding -= done.count
        return done
    }
}
