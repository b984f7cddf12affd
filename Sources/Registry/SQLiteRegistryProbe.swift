import GRDB

extension SQLiteRegistry {
    /// One query on a connection of its own, opened read-only on the file at its path: the pool's open
    /// connections would go on reading a file removed, or a folder moved, meanwhile.
    public func probe() throws(RegistryError) {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let connection = try DatabaseQueue(path: file.path, configuration: configuration)
            _ = try connection.read { db in try Row.fetchOne(db, sql: "SELECT 1 FROM issue LIMIT 1") }
        } catch {
            throw RegistryError("无法读取审验登记库 \(file.path)", error)
        }
    }
}
