import GRDB
import PostgresNIO
import Stamping

/// The register of issued results cannot be opened, read or written.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The disk holding the register is full (SQLite's SQLITE_FULL): a passing condition, worth
    /// trying again once there is space, unlike a damaged register.
    public var storageFull: Bool
    /// The city's database could not be reached (refused, timed out, dropped, shutting down): a passing
    /// condition, answered 503 with Retry-After by the service; the next use connects again.
    public var unavailable: Bool

    public init(_ message: String, storageFull: Bool = false, unavailable: Bool = false) {
        self.message = message
        self.storageFull = storageFull
        self.unavailable = unavailable
    }

    /// `body`'s value. Its own RegistryError comes out as it was thrown; any other error as `failure`
    /// with what the database said.
    static func wrapping<T>(_ failure: @autoclosure () -> String, _ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(failure(), error)
        }
    }

    /// `message` with what SQLite or PostgreSQL said, a full disk or a failed write in words (磁盘已满, 写入失败).
    init(_ message: String, _ error: any Error) {
        if let error = error as? PSQLError {
            self.init(message, postgres: error)
            return
        }
        let database = error as? DatabaseError
        let full = database?.resultCode == .SQLITE_FULL
        let reading = [.SQLITE_IOERR_READ, .SQLITE_IOERR_SHORT_READ].contains(database?.extendedResultCode)
        let reason = full ? "磁盘已满"
            : database?.resultCode == .SQLITE_IOERR ? "\(reading ? "读取" : "写入")失败（\(error)）" : "\(error)"
        self.init("\(message)：\(reason)", storageFull: full)
    }

    /// PostgreSQL's own words (its message and SQLSTATE), or why the connection failed; PSQLError's
    /// description alone says nothing, on purpose.
    init(_ message: String, postgres outer: PSQLError) {
        // postgres-nio may wrap one PSQLError in another (a connection failing as it starts up, say):
        // the innermost says why.
        var error = outer
        while let inner = error.underlying as? PSQLError { error = inner }
        let reason: String
        if let server = error.serverInfo {
            reason = "\(server[.message] ?? "数据库报错")（SQLSTATE \(server[.sqlState] ?? "?")）"
        } else if let underlying = error.underlying {
            reason = "无法连接数据库（\(underlying)）"
        } else {
            reason = error.code == .serverClosedConnection || error.code == .connectionError ? "与数据库的连接已断开" : "\(error.code)"
        }
        let state = error.serverInfo?[.sqlState]
        // 53100: disk_full. Unreachable: no connection, or the server's own word that it is going away or
        // not accepting yet (class 08 connection exceptions; 57P01-57P03 shutdown, crash, starting up).
        // clientClosedConnection: closed by cedocs itself, a use past its time limit (PostgresSession).
        let lost: [PSQLError.Code] = [.connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection]
        let unreachable = lost.contains(error.code) || lost.contains(outer.code)
            || state.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } == true
        self.init("\(message)：\(reason)", storageFull: state == "53100", unavailable: unreachable)
    }

    public var description: String { message }
}

extension StampingError {
    /// A stamp run stopped by its registry, keeping why: a full disk, an unreachable database.
    public init(_ error: RegistryError) {
        self.init(error.message, storageFull: error.storageFull, registryUnavailable: error.unavailable)
    }
}
