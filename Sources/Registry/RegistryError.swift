import GRDB
import PostgresNIO

/// The register of issued results cannot be opened, read or written.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The disk holding the register is full (SQLite's SQLITE_FULL): a passing condition, worth
    /// trying again once there is space, unlike a damaged register.
    public var storageFull: Bool

    public init(_ message: String, storageFull: Bool = false) {
        self.message = message
        self.storageFull = storageFull
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
    init(_ message: String, postgres error: PSQLError) {
        let reason: String
        if let server = error.serverInfo {
            reason = "\(server[.message] ?? "数据库报错")（SQLSTATE \(server[.sqlState] ?? "?")）"
        } else if let underlying = error.underlying {
            reason = "无法连接数据库（\(underlying)）"
        } else {
            reason = error.code == .serverClosedConnection || error.code == .connectionError ? "与数据库的连接已断开" : "\(error.code)"
        }
        // 53100: disk_full.
        self.init("\(message)：\(reason)", storageFull: error.serverInfo?[.sqlState] == "53100")
    }

    public var description: String { message }
}
