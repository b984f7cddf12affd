/// Why an agency cannot stamp or a profile cannot be made, in words for the clerk: the file and what
/// to do about it.
public struct StampingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
