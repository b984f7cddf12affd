import Foundation
import Render

/// The project's private font configuration, loaded once for all tests (it is read-only and shared
/// safely); each test makes its own ShapingContext, which is not.
public enum TestFonts {
    public static let library: FontLibrary = {
        do { return try FontLibrary(directory: Repository.fonts) } catch { fatalError("\(error)") }
    }()
}
