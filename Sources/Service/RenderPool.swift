import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Pipeline
import Render
import ServiceLifecycle

/// Where all the heavy work runs: a fixed pool of threads sized to the cores, never the event loops.
///
/// Pango 1.50 corrupts memory when threads share a font map, and a Swift task may resume on another
/// thread after an `await`: so each piece of work is one synchronous call on a pool thread, holding a
/// RenderJob (its own font map) checked out for that call only, with Sendable values in and bytes out.
/// A request is admitted only while fewer than `capacity` are at work; the next one gets 503 at once
/// instead of waiting in a pile.
final class RenderPool: Service, Sendable {
    private let threads: NIOThreadPool
    private let shelf: RenderJobShelf
    private let admitted = NIOLockedValueBox(0)
    let capacity: Int

    init(templates: TemplateSet, fonts: FontLibrary, threads count: Int, capacity: Int) {
        threads = NIOThreadPool(numberOfThreads: max(1, count))
        threads.start()
        shelf = RenderJobShelf(templates: templates, fonts: fonts)
        self.capacity = capacity
    }

    /// Runs `body` as one admitted request; 503 when `capacity` requests are already at work.
    func admit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let entered = admitted.withLockedValue { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard entered else { throw ServiceError.busy }
        defer { admitted.withLockedValue { $0 -= 1 } }
        return try await body()
    }

    /// Runs `body` on a pool thread with a RenderJob that no other thread holds meanwhile.
    func run<T: Sendable>(_ body: @escaping @Sendable (RenderJob) throws -> T) async throws -> T {
        try await threads.runIfActive { [shelf] in
            let job = shelf.take()
            defer { shelf.put(job) }
            return try body(job)
        }
    }

    /// Runs `body` on a pool thread (CPU work without Pango: parsing, rules).
    func compute<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await threads.runIfActive(body)
    }

    /// Keeps the threads until the server has stopped (the service group stops it first), then ends them.
    func run() async throws {
        try? await gracefulShutdown()
        try await threads.shutdownGracefully()
    }
}

/// RenderJobs not in use. At most one per pool thread is ever made: a job is taken for one call and
/// put back after it, so no two threads hold the same one.
private final class RenderJobShelf: @unchecked Sendable {
    // @unchecked: the jobs are not thread-safe; the lock hands each one to one thread at a time.
    private let lock = NIOLock()
    private var idle: [RenderJob] = []
    private let templates: TemplateSet
    private let fonts: FontLibrary

    init(templates: TemplateSet, fonts: FontLibrary) {
        self.templates = templates
        self.fonts = fonts
    }

    func take() -> RenderJob {
        lock.withLock { idle.popLast() } ?? RenderJob(templates: templates, fonts: fonts)
    }

    func put(_ job: RenderJob) {
        lock.withLock { idle.append(job) }
    }
}
