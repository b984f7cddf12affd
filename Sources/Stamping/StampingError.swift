/// Why an agency cannot stamp or a profile cannot be made, in words for the clerk: the file and what
/// to do about it.
public struct StampingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The run stopped because a disk is full: trying again once there is space may succeed.
    public var storageFull: Bool
    /// The run stopped because the city's registry could not be reached: trying again later may succeed.
    public var registryUnavailable: Bool

    public init(_ message: String, storageFull: Bool = false, registryUnavailable: Bool = false) {
        self.message = message
        self.storageFull = storageFull
        self.registryUnavailable = registryUnavailable
    }

    public var description: String { message }
}
