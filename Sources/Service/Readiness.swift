import Foundation
import Logging
import NIOPosix
import Registry

/// What `GET /readyz` checks: that the service can do its work now, not only that it runs (/healthz).
/// Every registry it writes or reads answers a real query (the request log, each agency's registry)
/// and the renderers' fonts pass their check. The client gets a short reason; the paths and the
/// errors, the operator's business, go to the log.
struct Readiness {
    let core: ServiceCore

    /// nil when ready, else why not. The files are read on NIO's thread pool for blocking I/O: neither
    /// on an event loop nor behind the renders that may fill the render pool.
    func problem(logger: Logger) async throws -> String? {
        let registries = [("request_log", core.requestLog)]
            + core.gatekeeper.agencies.sorted { $0.key < $1.key }.map { ("agency \($0.key)", $0.value.registry) }
        return try await NIOThreadPool.singleton.runIfActive { [fonts = core.fonts] in
            for (name, registry) in registries {
                do { try registry.probe() } catch {
                    logger.warning("not ready: registry cannot be read", metadata: ["registry": .string(name), "error": .string("\(error)")])
                    return "registry not readable (\(name))"
                }
            }
            do { try fonts.check() } catch {
                logger.warning("not ready: fonts", metadata: ["error": .string("\(error)")])
                return "fonts not loaded"
            }
            return nil
        }
    }
}
