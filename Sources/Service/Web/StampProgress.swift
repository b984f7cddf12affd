import NIOConcurrencyHelpers
import Pipeline

/// A stamp run on an agency's page, heard as it goes (盖章进度): the people done so far, then the
/// outcome. The run is started here and goes on by itself; the page streams what it hears.
///
/// `start` returns once the run has reached its first person — the records read and admitted, the
/// people ticked found among them, the registry read — so a refusal before that is answered with its
/// own status and page, and only a failure during the run itself ends a page already under way.
final class StampProgress: Sendable {
    enum Event: Sendable {
        /// People done (stamped, reused or skipped) of all the records' people.
        case done(Int, of: Int)
        case stamped(StampRoute.Stamped)
        case failed(ServiceError)
    }

    /// What the page writes, in order; it ends after the outcome.
    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let state = NIOLockedValueBox(State())

    private struct State {
        /// The count last told, so that a count is told once and only upwards (a run that renders its
        /// new results again, after another run issued meanwhile, counts from 0 again).
        var told = 0
        /// The caller of `start`, waiting for the first person or the refusal.
        var begun: CheckedContinuation<Void, any Error>?
    }

    /// At most this many lines for a unit of any size: one per `total / lines` people.
    static let lines = 20

    private init() {
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    /// Starts `stamp` (given the hook to call after each person) and returns once it has begun; throws
    /// the refusal of a run that ended before its first person.
    static func start(_ stamp: @escaping @Sendable (_ progress: @escaping @Sendable (BatchProgress) -> Void) async throws
        -> StampRoute.Stamped) async throws -> StampProgress {
        let watch = StampProgress()
        try await withCheckedThrowingContinuation { (begun: CheckedContinuation<Void, any Error>) in
            watch.state.withLockedValue { $0.begun = begun }
            Task {
                do {
                    let stamped = try await stamp { watch.heard($0) }
                    watch.begin(nil)
                    watch.continuation.yield(.stamped(stamped))
                } catch {
                    let refusal = ServiceMiddleware.answer(error)
                    watch.begin(refusal)
                    watch.continuation.yield(.failed(refusal))
                }
                watch.continuation.finish()
            }
        }
        return watch
    }

    /// After each person (on the pool's thread): told when the count has gone up by a step, and at the end.
    private func heard(_ progress: BatchProgress) {
        let step = max(1, progress.total / Self.lines)
        let tell = state.withLockedValue { state -> Bool in
            guard progress.done > state.told, progress.done - state.told >= step || progress.done == progress.total else {
                return false
            }
            state.told = progress.done
            return true
        }
        if tell { continuation.yield(.done(progress.done, of: progress.total)) }
        begin(nil)
    }

    /// Lets `start` return (nil) or throw, once.
    private func begin(_ refusal: (any Error)?) {
        guard let begun = state.withLockedValue({ state in defer { state.begun = nil }; return state.begun }) else { return }
        if let refusal { begun.resume(throwing: refusal) } else { begun.resume() }
    }
}
