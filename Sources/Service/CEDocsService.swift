import Foundation
import Hummingbird
import Logging
import NIOCore
import Pipeline
import Registry
import Render
import WebPages

/// `cedocs serve`: the engine behind HTTP for units' and agencies' systems. Made from a
/// configuration (tokens, request log, limits) and cedocs' fonts and templates, checked at start.
public struct CEDocsService: Sendable {
    let core: ServiceCore
    /// The public verify route's rate limit and whom it counts (verify_rate).
    let verifyLimiter: RateLimiter
    let verifyClients: ClientAddress
    /// The browsers signed in to the pages (issue 17), and the pages' templates.
    let sessions: WebSessions
    let answer: WebAnswer
    /// What units submitted to their agencies from the pages: `submissions/` beside the request log.
    let submissions: Submissions

    /// - Parameter threads: render threads; the cores by default.
    public init(configuration: ServiceConfiguration, templates: TemplateSet, fonts: FontLibrary, creator: String,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                logger: Logger = Logger(label: "cedocs.serve")) throws {
        let metrics = ServiceMetrics()
        core = ServiceCore(access: CurrentGatekeeper(try Gatekeeper(of: configuration)),
                           pool: RenderPool(templates: templates, fonts: fonts, threads: threads,
                                            capacity: configuration.limits.pendingRequests,
                                            share: configuration.limits.tokenShare, metrics: metrics),
                           fonts: fonts, metrics: metrics,
                           requestLog: try SQLiteRegistry(file: configuration.requestLog, create: true),
                           input: RecordsInput(limits: configuration.limits), creator: creator, logger: logger)
        verifyLimiter = RateLimiter(rate: .init(burst: configuration.verifyRate.burst,
                                                perSecond: configuration.verifyRate.perMinute / 60))
        verifyClients = ClientAddress(trustedProxies: configuration.verifyRate.trustedProxies)
        sessions = WebSessions(minutes: configuration.limits.sessionMinutes)
        answer = WebAnswer(pages: WebPages())
        submissions = Submissions(folder: configuration.requestLog.deletingLastPathComponent().appendingPathComponent("submissions"))
    }

    /// Every route, behind the middleware that answers errors as JSON and counts requests.
    public func router() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: ServiceMiddleware(metrics: core.metrics))
        SystemRoutes(core: core).register(on: router)
        CheckRoute(core: core).register(on: router)
        RenderRoute(core: core).register(on: router)
        StampRoute(core: core).register(on: router)
        VerifyRoute(core: core, limiter: verifyLimiter, clients: verifyClients, page: VerifyPage(answer: answer))
            .register(on: router)
        SpotCheckRoute(core: core).register(on: router)
        let access = WebAccess(core: core, sessions: sessions, submissions: submissions)
        SessionRoutes(access: access, answer: answer).register(on: router)
        UnitPages(access: access, answer: answer).register(on: router)
        AgencyPages(access: access, answer: answer).register(on: router)
        ResultSearch(access: access, answer: answer).register(on: router)
        return router
    }

    /// The server; the render pool stops after it (the service group stops the server first and
    /// lets the requests in flight finish). With `configurationFile`, SIGHUP re-reads its tokens (TokenReload).
    public func application(host: String, port: Int, configurationFile: URL? = nil,
                            onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        // Hummingbird closes a connection with nothing read for `idle_seconds`: an idle keep-alive one, one
        // whose body stopped coming, or one whose body read was given up (408).
        let idle = TimeAmount.nanoseconds(Int64(core.input.limits.idleSeconds * 1e9))
        return Application(router: router(),
                           server: .http1(configuration: .init(additionalChannelHandlers: [ClientWatch()], idleTimeout: idle)),
                           configuration: .init(address: .hostname(host, port: port), serverName: "cedocs"),
                           services: [core.pool] + (configurationFile.map {
                               [TokenReload(file: $0, gatekeeper: core.access, logger: core.logger)]
                           } ?? []),
                           onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
                           logger: core.logger)
    }
}
