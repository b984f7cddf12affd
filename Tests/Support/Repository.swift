import Foundation

/// Paths of the checkout the tests run in (found from this file, never from ../shared).
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fonts = root.appendingPathComponent("fonts")
    public static let templates = root.appendingPathComponent("templates")
    public static let example = root.appendingPathComponent("examples/example.json")

    /// The `cedocs` executable SwiftPM built beside the test bundle.
    public static var executable: URL {
        let products = Bundle.main.bundleURL
        let beside = products.appendingPathComponent("cedocs")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return products.deletingLastPathComponent().appendingPathComponent("cedocs")
    }

    /// A fresh empty folder under the system's temporary directory.
    public static func temporaryFolder(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cedocs-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
