import Bytes
import Foundation
import Logging
import NIOConcurrencyHelpers

/// `cedocs serve`'s log: one JSON object per line on standard error (JSON Lines), which journald keeps
/// and a log shipper (Vector, Promtail, Fluent Bit…) reads without a pattern of its own:
/// `{"time":"…","level":"info","logger":"cedocs.serve","message":"request","request_id":"…",…}` —
/// the time (UTC), level, logger and message first, then the metadata, keys in order.
public struct JSONLinesLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String

    /// Lines from every thread go out whole, one after another.
    private static let lock = NIOLock()

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        fields.merge(metadataProvider?.get() ?? [:]) { _, new in new }
        fields.merge(event.metadata ?? [:]) { _, new in new }
        if let error = event.error { fields["error"] = .string("\(error)") }
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        var line = "{\"time\":\(JSONString.quoted(time)),\"level\":\(JSONString.quoted(event.level.rawValue)),"
            + "\"logger\":\(JSONString.quoted(label)),\"message\":\(JSONString.quoted(event.message.description))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !Self.reserved.contains(key) {
            line += ",\(JSONString.quoted(key)):\(Self.json(value))"
        }
        // A line that cannot be written (a full disk, a reader gone) is dropped: the service goes on.
        var text = line + "}\n"
        Self.lock.withLock { _ = text.withUTF8 { FileWrite.all(UnsafeRawBufferPointer($0), to: STDERR_FILENO) } }
    }

    /// The keys every line has; metadata of the same name would make a second, ambiguous key.
    private static let reserved: Set<String> = ["time", "level", "logger", "message"]

    /// A number stays a number (a duration, a status); anything else is a string, a list or an object.
    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text):
            return JSONString.quoted(text)
        case .stringConvertible(let number as any BinaryInteger):
            return "\(number)"
        case .stringConvertible(let number as Double) where number.isFinite:
            return "\(number)"
        case .stringConvertible(let other):
            return JSONString.quoted(other.description)
        case .array(let values):
            return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let fields):
            return "{" + fields.sorted(by: { $0.key < $1.key }).map { "\(JSONString.quoted($0.key)):\(json($0.value))" }
                .joined(separator: ",") + "}"
        }
    }
}
