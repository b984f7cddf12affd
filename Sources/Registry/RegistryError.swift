import GRDB

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

    /// `message` with what SQLite said, a full disk or a failed write in words (磁盘已满, 写入失败).
    init(_ message: String, _ error: any Error) {
        let database = error as? DatabaseError
        let full = database?.resultCode == .SQLITE_FULL
        let reading = [.SQLITE_IOERR_READ, .SQLITE_IOERR_SHORT_READ].contains(database?.extendedResultCode)
        let reason = full ? "磁盘已满"
            : database?.resultCode == .SQLITE_IOERR ? "\(reading ? "读取" : "写入")失败（\(error)）" : "\(error)"
        self.init("\(message)：\(reason)", storageFull: full)
    }

    public var description: String { message }
}
