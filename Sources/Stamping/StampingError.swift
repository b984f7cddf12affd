/// Why an agency cannot stamp or a profile cannot be made, in words for the clerk: the file and what
/// to do about it.
public struct StampingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The run stopped because a disk is full: trying again once there is space may succeed.
    public var storageFull: Bool

    public init(_ message: String, storageFull: Bool = false) {
        self.message = message
        self.storageFull = storageFull
    }

    public var description: String { message }
}
