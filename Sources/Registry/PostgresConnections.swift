import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Synchronization

/// The connections of one process to the city's PostgreSQL registry: opened when needed, kept while
/// idle, and dropped once broken, so that the next use connects again (a restarted server is picked up
/// without restarting cedocs). Each use holds its connection alone, for one query or one transaction.
final class PostgresConnections: Sendable {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password, named in errors.
    let location: String
    let idle = Mutex<[PostgresConnection]>([])
    let opened = Atomic<Int>(0)

    static let logger = Logger(label: "cedocs.registry.postgres")

    /// From `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgres://`). The connection
    /// is not encrypted: the registry's database is reached on loopback or the city's private network.
    init(url: String) throws(RegistryError) {
        guard let parts = URLComponents(string: url), ["postgresql", "postgres"].contains(parts.scheme),
              let host = parts.host, !host.isEmpty, let user = parts.user, !user.isEmpty else {
            throw RegistryError("审验登记库地址「\(RegistryLocation.redacted(url))」无效：应为 postgresql://用户名[:密码]@主机[:端口]/数据库名")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        var configuration = PostgresConnection.Configuration(host: host, port: parts.port ?? 5432, username: user,
                                                             password: parts.password, database: database.isEmpty ? nil : database,
                                                             tls: .disable)
        // A database out of reach fails the request at once (503 with Retry-After from the service), not
        // after postgres-nio's 10 s: on the city's network a live server answers well within this.
        configuration.options.connectTimeout = Self.connectTimeout
        self.configuration = configuration
        location = RegistryLocation.redacted(url)
    }

    static let connectTimeout = TimeAmount.seconds(2)
    /// The longest connecting may take, the server's start-up and authentication included.
    static let connectLimit = TimeAmount.seconds(4)
    /// The longest a read (verify, the spot check, the readiness probe) may take before it is given up.
    static let readLimit = TimeAmount.seconds(5)

    /// How many idle connections are kept for the next uses; more are closed.
    static let kept = 8

    /// Runs `body` with a connection of its own: an idle one still open, or a new one. Within `limit` (the
    /// whole use: connecting, every statement) or, without one, each statement within its own limit
    /// (PostgresSession); past it the use fails as unavailable. A connection is kept for the next use only
    /// when `body` returned: one that failed or broke on the way (the server restarted, say) is closed, so
    /// the next use connects again.
    func with<T>(limit: TimeAmount? = nil, _ body: (PostgresSession) throws -> T) throws -> T {
        let deadline = limit.map { NIODeadline.now() + $0 }
        let connection = try idle.withLock { idle in
            while let connection = idle.popLast() { if !connection.isClosed { return connection } }
            return nil
        } ?? connect(until: deadline.map { min($0, .now() + Self.connectLimit) } ?? .now() + Self.connectLimit)
        var done = false
        defer {
            let keep = done && !connection.isClosed && idle.withLock { idle in
                guard idle.count < Self.kept else { return false }
                idle.append(connection)
                return true
            }
            if !keep { Self.drop(connection) }
        }
        let result = try body(PostgresSession(connection: connection, deadline: deadline, location: location))
        done = true
        return result
    }

    /// A new connection, started up and authenticated by `deadline`; one that comes later is closed.
    private func connect(until deadline: NIODeadline) throws -> PostgresConnection {
        let id = opened.add(1, ordering: .relaxed).newValue
        let connecting = PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                    id: id, logger: Self.logger)
        do {
            return try connecting.wait(until: deadline, location: location)
        } catch {
            connecting.whenSuccess(Self.drop)
            throw error
        }
    }

    /// Closes `connection` without waiting for it (a server gone silent would keep the caller): the
    /// connection is kept alive until closed, as postgres-nio requires.
    static func drop(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        for connection in idle.withLock({ $0 }) { _ = try? connection.close().wait(until: .now() + .seconds(1), location: location) }
    }
}
