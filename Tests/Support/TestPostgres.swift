import Foundation

/// The throwaway PostgreSQL server scripts/test.sh starts (scripts/pg.sh) and names in
/// CEDOCS_TEST_POSTGRES_URL; each test makes its own database on it, so tests running at once share nothing.
public enum TestPostgres {
    public static let variable = "CEDOCS_TEST_POSTGRES_URL"

    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "\(variable) is not set: run the PostgreSQL tests through scripts/test.sh, or start a server with "
                + "`export \(variable)=$(scripts/pg.sh start)` (and `scripts/pg.sh stop \"$\(variable)\"` afterwards)"
        }
    }

    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The URL of a new, empty database on the test server; throws (the test fails) when there is no server.
    public static func database(_ name: String = #function) throws -> String {
        guard let server = ProcessInfo.processInfo.environment[variable], !server.isEmpty else { throw Missing() }
        let database = "t_\(name.lowercased().filter { $0.isLetter && $0.isASCII }.prefix(30))_\(UUID().uuidString.prefix(8).lowercased())"
        let created = try Command.run("psql", [server, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE \(database)"])
        guard created.status == 0 else { throw Failed(description: "CREATE DATABASE \(database): \(created.stderr)") }
        guard let slash = server.lastIndex(of: "/") else { throw Failed(description: "\(variable) has no database: \(server)") }
        return server[...slash] + database
    }
}
