import Foundation
@testable import Registry
import TestSupport
import Testing

@Suite("The PostgreSQL registry's schema: migrated by cedocs registry migrate, checked at every start")
struct PostgresSchemaTests {
    func psql(_ url: String, _ sql: String) throws {
        let result = try Command.run("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("an unmigrated database is refused, naming both versions; migrate brings it up once, a second time changes nothing")
    func migrate() throws {
        let url = try TestPostgres.database()
        let unmigrated = try #require(throws: RegistryError.self) { try PostgresRegistry(url: url) }
        #expect(unmigrated.message.contains("结构版本为 0，本程序需要版本 3"))
        #expect(unmigrated.message.contains("cedocs registry migrate"))
        let first = try PostgresRegistry.migrate(url: url)
        #expect(first.from == 0 && first.to == 3)
        let second = try PostgresRegistry.migrate(url: url)
        #expect(second.from == 3 && second.to == 3)
        #expect(try PostgresRegistry(url: url).lastSequence(agency: "XZPX", year: 2016) == 0)
    }

    @Test("a database a newer cedocs migrated is refused, naming both versions; migrate leaves it alone")
    func newer() throws {
        let url = try TestPostgres.database()
        _ = try PostgresRegistry.migrate(url: url)
        try psql(url, "INSERT INTO schema_version (version, name) VALUES (4, 'from-the-future')")
        let refused = try #require(throws: RegistryError.self) { try PostgresRegistry(url: url) }
        #expect(refused.message.contains("结构版本为 4，比本程序支持的版本 3 更新"))
        #expect(throws: RegistryError.self) { try PostgresRegistry.migrate(url: url) }
    }

    @Test("connections the server dropped are not used again: the registry reconnects by itself")
    func reconnects() throws {
        let url = try TestPostgres.database()
        _ = try PostgresRegistry.migrate(url: url)
        let registry = try PostgresRegistry(url: url)
        #expect(try registry.lastSequence(agency: "XZPX", year: 2016) == 0)
        // As a restart of the server does, for this test's database only.
        try psql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        // The first use may still meet the dropped connection (the service's 503, not a 500); the next one
        // has connected again.
        do throws(RegistryError) { _ = try registry.lastSequence(agency: "XZPX", year: 2016) } catch { #expect(error.unavailable, "\(error)") }
        #expect(try registry.lastSequence(agency: "XZPX", year: 2016) == 0)
    }

    @Test("a database out of reach is unavailable (the service's 503, tried again later); a server's refusal is not")
    func unavailable() throws {
        let unreachable = try #require(throws: RegistryError.self) { try PostgresRegistry(url: "postgresql://cedocs@127.0.0.1:1/cedocs") }
        #expect(unreachable.unavailable && !unreachable.storageFull)
        let url = try TestPostgres.database()
        let unmigrated = try #require(throws: RegistryError.self) { try PostgresRegistry(url: url) }
        #expect(!unmigrated.unavailable, "an unmigrated database answers: \(unmigrated)")
    }

    @Test("a read past its time limit fails as unavailable: its connection is closed under it, the next one is new")
    func readLimit() throws {
        let connections = try PostgresConnections(url: try TestPostgres.database())
        let error = try #require(throws: RegistryError.self) {
            try connections.with(limit: .milliseconds(200)) { try $0.rows("SELECT pg_sleep(30)") }
        }
        #expect(error.unavailable, "\(error)")
        #expect(try connections.with { try $0.rows("SELECT 1").count } == 1)
    }

    @Test("a server gone silent in the middle of a read: the read fails as unavailable within its limit, the next one connects anew")
    func silentMidRead() throws {
        let url = try TestPostgres.database()
        _ = try PostgresRegistry.migrate(url: url)
        let relay = try FaultyRelay(to: url, fault: .silence(after: "SELECT 1 FROM issue"))
        defer { relay.stop() }
        let registry = try PostgresRegistry(url: relay.url(url))
        let started = Date()
        let error = try #require(throws: RegistryError.self) { try registry.probe() }
        let waited = Date().timeIntervalSince(started)
        #expect(error.unavailable, "\(error)")
        #expect(waited >= 4 && waited < 6, "gave up after \(waited) s; the limit is 5 s")
        try registry.probe()
    }

    @Test("a server that accepts and never answers: connecting gives up within its limit, unavailable")
    func silentAtConnect() throws {
        let url = try TestPostgres.database()
        let relay = try FaultyRelay(to: url, fault: .silence(after: ""))
        defer { relay.stop() }
        let started = Date()
        let error = try #require(throws: RegistryError.self) { try PostgresRegistry(url: relay.url(url)) }
        let waited = Date().timeIntervalSince(started)
        #expect(error.unavailable, "\(error)")
        // postgres-nio's own connect timeout (2 s) may end it first; cedocs's limit (4 s) ends it at the latest.
        #expect(waited >= 1.5 && waited < 5, "gave up after \(waited) s: \(error)")
    }

    @Test("a password in the URL is never named in an error")
    func redacted() throws {
        let error = try #require(throws: RegistryError.self) {
            try PostgresRegistry(url: "postgresql://cedocs:s3cret@127.0.0.1:1/cedocs")
        }
        #expect(!error.message.contains("s3cret"))
        #expect(error.message.contains("postgresql://cedocs:***@127.0.0.1:1/cedocs"))
    }
}
