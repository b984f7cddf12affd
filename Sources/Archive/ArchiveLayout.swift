import Foundation

/// Where documents go in an output folder: `people/<id_number>/<year>/` for a person's documents and
/// `units/<safe unit name>/<year>/` for a unit's. Only validated ID numbers and sanitised names reach
/// the file system.
public struct ArchiveLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `id` must be a validated 公民身份号码 (18 ASCII digits or X); anything else is refused.
    public func personFolder(id: String, year: Int) -> URL? {
        guard id.utf8.count == 18, id.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else { return nil }
        return root.appendingPathComponent("people").appendingPathComponent(id).appendingPathComponent(String(year))
    }

    public func unitFolder(name: String, year: Int) -> URL {
        root.appendingPathComponent("units").appendingPathComponent(SafeName.make(name))
            .appendingPathComponent(String(year))
    }
}
