import Foundation

/// Where documents go in an output folder: `people/<id_number>/<year>/` for a person's documents and
/// `units/<unit folder>/<year>/` for a unit's. Only validated ID numbers and sanitised names reach
/// the file system.
public struct ArchiveLayout: Sendable {
    public let root: URL
    /// Unit folders made by the rule before this one (the safe name alone) that the archive's manifest
    /// gives to exactly one unit, by that unit's exact name: it keeps its folder.
    let kept: [String: String]

    public init(root: URL, keeping kept: [String: String] = [:]) {
        self.root = root
        self.kept = kept
    }

    /// `id` must be a validated 公民身份号码 (18 ASCII digits or X); anything else is refused.
    public func personFolder(id: String, year: Int) -> URL? {
        guard id.utf8.count == 18, id.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else { return nil }
        return root.appendingPathComponent("people", isDirectory: true).appendingPathComponent(id, isDirectory: true)
            .appendingPathComponent(String(year), isDirectory: true)
    }

    public func unitFolder(name: String, year: Int) -> URL {
        root.appendingPathComponent("units", isDirectory: true).appendingPathComponent(unitComponent(name), isDirectory: true)
            .appendingPathComponent(String(year), isDirectory: true)
    }

    /// The folder under `units/` of the unit of this exact name.
    public func unitComponent(_ name: String) -> String { kept[name] ?? Self.unitComponent(name) }

    /// A unit's folder belongs to that unit alone: its name as it is when that is already safe
    /// (徐州市第一人民医院), else the safe name and the first 8 hex digits of the exact name's
    /// SHA-256 (`甲单位_一-1f0c…`), so that "甲单位/一" and "甲单位:一" never share a folder. (The
    /// 统一社会信用代码 would be shorter, but records need not carry it, and a wrong one is dropped.)
    public static func unitComponent(_ name: String) -> String {
        let safe = SafeName.make(name)
        guard safe != name else { return safe }
        return "\(safe)-\(FileDigest.sha256(Data(name.utf8)).prefix(8))"
    }

    /// The folders under `units/` made by the earlier rule (the safe name alone) that `entries` give
    /// to one unit only, by that unit's name; a folder whose files name two units is nobody's.
    static func keptUnitFolders(_ entries: [(path: String, unit: String?)]) -> [String: String] {
        var units: [String: Set<String>] = [:]
        for (path, unit) in entries {
            let parts = path.split(separator: "/", maxSplits: 2)
            guard parts.count == 3, parts[0] == "units", let unit else { continue }
            units[String(parts[1]), default: []].insert(unit)
        }
        var kept: [String: String] = [:]
        for (folder, names) in units {
            guard names.count == 1, let name = names.first, folder != unitComponent(name),
                  folder == SafeName.make(name) else { continue }
            kept[name] = folder
        }
        return kept
    }
}
