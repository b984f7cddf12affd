import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The gatekeeper in use, replaced whole when the tokens are re-read. A request takes the one current
/// when it comes and keeps its caller (and the caller's agency) to its end: a reload never changes, nor
/// drops, a request at work.
final class CurrentGatekeeper: Sendable {
    private let current: Mutex<Gatekeeper>

    init(_ gatekeeper: Gatekeeper) { current = Mutex(gatekeeper) }

    var gatekeeper: Gatekeeper { current.withLock { $0 } }

    func replace(with gatekeeper: Gatekeeper) { current.withLock { $0 = gatekeeper } }
}

/// `systemctl reload cedocs` (SIGHUP, 重新加载): the tokens of the configuration file re-read, as
/// `cedocs serve --check-config` checks it first. A file that fails the check is refused with every
/// problem logged, and the tokens in use stay. Only the tokens: the limits, request_log and verify_rate
/// are set up once, at start.
final class TokenReload: Service, @unchecked Sendable {
    // @unchecked: the signal source is made and resumed in init, and only cancelled afterwards.
    private let source: any DispatchSourceSignal

    /// Traps SIGHUP from here on (its default would end the process), before the server listens.
    init(file: URL, gatekeeper: CurrentGatekeeper, logger: Logger) {
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "cedocs.reload"))
        source.setEventHandler {
            do {
                let count = try Self.reload(file, into: gatekeeper)
                logger.notice("cedocs serve: tokens re-read from \(file.path): \(count) tokens in use（limits、request_log、verify_rate 的改动在重启后生效）")
            } catch {
                logger.error("cedocs serve: 未重新加载，仍使用原有令牌：\(error)")
            }
        }
        source.resume()
    }

    /// The gatekeeper of `file` in place of the current one once the file passes the check; the number of tokens.
    static func reload(_ file: URL, into current: CurrentGatekeeper) throws(ServiceSetupError) -> Int {
        let problems = ConfigurationCheck.problems(of: file)
        guard problems.isEmpty else { throw ServiceSetupError(file: file, problems) }
        let configuration = try ServiceConfiguration(contentsOf: file)
        current.replace(with: try Gatekeeper(of: configuration))
        return configuration.tokens.count
    }

    func run() async throws {
        try? await gracefulShutdown()
        source.cancel()
    }
}
