import Foundation
import Hummingbird
import Logging
import Pipeline
import Records
import Registry
import Render

/// What every handler shares, made once at start.
struct ServiceCore: Sendable {
    /// The tokens in use, replaced on reload (TokenReload).
    let access: CurrentGatekeeper
    let pool: RenderPool
    /// The fonts the renderers draw with, checked again by /readyz.
    let fonts: FontLibrary
    let metrics: ServiceMetrics
    /// The log of stamp requests (`request_log`); results are in each agency's own registry.
    let requestLog: any Registry
    let input: RecordsInput
    /// Written into each PDF's Creator.
    let creator: String
    let logger: Logger

    /// The gatekeeper of this moment: a request asks it once and keeps the caller it gives.
    var gatekeeper: Gatekeeper { access.gatekeeper }

    /// The caller of `request` (401 otherwise); its token's name goes into the request's log line.
    func caller(of request: Request, _ context: ServiceRequestContext) throws(ServiceError) -> Caller {
        let caller = try gatekeeper.caller(of: request)
        context.tokenName.withLockedValue { $0 = caller.name }
        return caller
    }

    /// The common course of a request that brings records: who asks (401 before anything is read),
    /// 503 from the headers when no place is free (or the token has its share), the body read whole
    /// within the limits (413, 415, 408 when it comes too slowly), then a place among the requests at
    /// work (503 if it went meanwhile), the records validated (422), then `work`; all within the
    /// request's time (408), stopping early when the client leaves. A place is taken only once the body
    /// is here: clients that send slowly, or not at all, hold no place that others need.
    func withRecords<T: Sendable>(_ request: Request, _ context: ServiceRequestContext,
                                  _ work: @escaping @Sendable (Caller, LoadedRecords, RequestBudget) async throws -> T)
        async throws -> T {
        let caller = try caller(of: request, context)
        return try await withCaller(caller, request, context, work)
    }

    func withCaller<T: Sendable>(_ caller: Caller, _ request: Request, _ context: ServiceRequestContext,
                                 _ work: @escaping @Sendable (Caller, LoadedRecords, RequestBudget) async throws -> T)
        async throws -> T {
        try await withCaller(caller, context, records: { [input] in try await input.body(of: request) }, work)
    }

    /// The same course for records from `records`: the request's body, or a unit's submission kept on
    /// the server (an agency's page stamps it).
    func withCaller<T: Sendable>(_ caller: Caller, _ context: ServiceRequestContext,
                                 records: @escaping @Sendable () async throws -> RecordsInput.Body,
                                 _ work: @escaping @Sendable (Caller, LoadedRecords, RequestBudget) async throws -> T)
        async throws -> T {
        // Refused before anything else is made for the request (its client watch, its timer): under
        // overload most requests end here. The answer waits `refusal_pause_seconds` (Limits), holding nothing.
        do {
            try pool.checkRoom(token: caller.token)
        } catch {
            try? await Task.sleep(for: .milliseconds(Int64(input.limits.refusalPauseSeconds * 1000)))
            throw error
        }
        let budget = RequestBudget(seconds: input.limits.requestSeconds, client: await ClientWatch.of(context.channel))
        do {
            return try await budget.run { [input, pool] in
                let body = try await records()
                try budget.check()
                return try await pool.admit(token: caller.token) {
                    let loaded = try await pool.compute { try input.load(body) }
                    return try await work(caller, loaded, budget)
                }
            }
        } catch let error as ServiceError where error.code == ServiceError.clientGone.code || error.status == .requestTimeout {
            metrics.abandoned()
            throw error
        }
    }
}
