import Foundation

/// The time a row is written: ISO 8601, UTC.
enum RegistryClock {
    /// A format style, not an ISO8601DateFormatter: making one of those (through ICU) for each of a
    /// stamp's few thousand rows cost 3% of the run.
    static func now() -> String {
        Date.now.formatted(.iso8601)
    }
}
