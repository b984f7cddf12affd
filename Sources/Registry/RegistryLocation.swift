import Foundation

/// Where a registry is: a SQLite file (a path), or a PostgreSQL database (`postgresql://…`). What
/// `--registry`, CEDOCS_REGISTRY and the service's `registry:` name.
public enum RegistryLocation: Sendable, Equatable {
    case file(URL)
    case postgres(url: String)

    /// The environment variable the CLI reads when `--registry` is not given.
    public static let environmentVariable = "CEDOCS_REGISTRY"

    public init(_ text: String) {
        let lowered = text.lowercased()
        self = lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") ? .postgres(url: text)
            : .file(URL(fileURLWithPath: text))
    }

    /// Opens the registry: a file is created (and migrated) when `create` is set, read-only otherwise;
    /// a database is checked to be at this cedocs's schema version (`cedocs registry migrate` makes it so).
    public func open(create: Bool) throws(RegistryError) -> any Registry {
        switch self {
        case .file(let file): try SQLiteRegistry(file: file, create: create)
        case .postgres(let url): try PostgresRegistry(url: url)
        }
    }

    /// As errors and logs name it: a database's URL without its password.
    public var description: String {
        switch self {
        case .file(let file): file.path
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}
