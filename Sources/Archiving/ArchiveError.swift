/// Why the archive cannot be used or changed, in words a clerk can act on.
public struct ArchiveError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
