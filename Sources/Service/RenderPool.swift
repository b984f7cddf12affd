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
/// DocumentRenderer (its own font map) checked out for that call only, with Sendable values in and bytes out.
/// A request is admitted only while fewer than `capacity` are at work, and fewer than `share` of its
/// token's; the next one gets 503 at once instead of waiting in a pile, and one token busy with many
/// requests leaves room for the others. The places taken and the refusals are in the service's metrics.
final class RenderPool: Service, Sendable {
    private let threads: NIOThreadPool
    private let shelf: RendererShelf
    private let admitted = NIOLockedValueBox(Admitted())
    private let metrics: ServiceMetrics
    let capacity: Int
    let share: Int

    private struct Admitted {
        var count = 0
        /// By token (`Caller.token`).
        var byToken: [[UInt8]: Int] = [:]
    }

    init(templates: TemplateSet, fonts: FontLibrary, threads count: Int, capacity: Int, share: Int, metrics: ServiceMetrics) {
        threads = NIOThreadPool(numberOfThreads: max(1, count))
        threads.start()
        shelf = RendererShelf(templates: templates, fonts: fonts)
        self.capacity = capacity
        self.share = share
        self.metrics = metrics
        metrics.poolCapacity(capacity)
    }

    /// Runs `body` as one admitted request of `token`; 503 when `capacity` requests, or `share` of
    /// this token's, are already at work.
    func admit<T: Sendable>(token: [UInt8], _ body: () async throws -> T) async throws -> T {
        let refusal: ServiceError? = admitted.withLockedValue { admitted in
            if let refusal = self.refusal(of: token, admitted) { return refusal }
            admitted.count += 1
            admitted.byToken[token, default: 0] += 1
            metrics.poolInUse(admitted.count)
            return nil
        }
        if let refusal { throw refusal }
        defer {
            admitted.withLockedValue { admitted in
                admitted.count -= 1
                admitted.byToken[token, default: 1] -= 1
                metrics.poolInUse(admitted.count)
                if admitted.byToken[token] == 0 { admitted.byToken[token] = nil }
            }
        }
        return try await body()
    }

    /// The 503 `admit` would answer now, thrown without taking a place: a request is refused from its
    /// headers, before its body is read or parsed (under overload most requests are refused, and reading
    /// each body first took the time of those at work). The place is taken by `admit` once the body is here.
    func checkRoom(token: [UInt8]) throws {
        if let refusal = admitted.withLockedValue({ self.refusal(of: token, $0) }) { throw refusal }
    }

    /// Counted in the metrics here: each refusal it gives is thrown.
    private func refusal(of token: [UInt8], _ admitted: Admitted) -> ServiceError? {
        guard admitted.count < capacity else {
            metrics.poolRefused(reason: "busy")
            return .busy
        }
        guard admitted.byToken[token, default: 0] < share else {
            metrics.poolRefused(reason: "token_share")
            return .tokenBusy(share: share)
        }
        return nil
    }

    /// Runs `body` on a pool thread with a DocumentRenderer that no other thread holds meanwhile.
    func run<T: Sendable>(_ body: @escaping @Sendable (DocumentRenderer) throws -> T) async throws -> T {
        try await threads.runIfActive { [shelf] in
            let renderer = shelf.take()
            defer { shelf.put(renderer) }
            return try body(renderer)
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

/// Renderers not in use. At most one per pool thread is ever made: a renderer is taken for one call
/// and put back after it, so no two threads hold the same one.
private final class RendererShelf: @unchecked Sendable {
    // @unchecked: the renderers are not thread-safe; the lock hands each one to one thread at a time.
    private let lock = NIOLock()
    private var idle: [DocumentRenderer] = []
    private let templates: TemplateSet
    private let fonts: FontLibrary

    init(templates: TemplateSet, fonts: FontLibrary) {
        self.templates = templates
        self.fonts = fonts
    }

    func take() -> DocumentRenderer {
        lock.withLock { idle.popLast() } ?? DocumentRenderer(templates: templates, fonts: fonts)
    }

    func put(_ renderer: DocumentRenderer) {
        lock.withLock { idle.append(renderer) }
    }
}
