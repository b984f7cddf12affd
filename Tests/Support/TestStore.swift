import Foundation
import Registry

/// The two stores the same registry tests run against: a new SQLite file, and a new database on the
/// throwaway PostgreSQL of scripts/test.sh (migrated as `cedocs registry migrate` does).
public enum TestStore: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// Where a new, empty registry of this store is.
    public func location(_ name: String = #function) throws -> RegistryLocation {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("cedocs-registry-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return .file(folder.appendingPathComponent("registry.sqlite"))
        case .postgres:
            let url = try TestPostgres.database(name)
            _ = try PostgresRegistry.migrate(url: url)
            return .postgres(url: url)
        }
    }

    /// A new, empty registry of this store.
    public func open(_ name: String = #function) throws -> any Registry {
        try location(name).open(create: true)
    }
}
