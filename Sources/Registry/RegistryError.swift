/// The register of issued results cannot be opened, read or written.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
