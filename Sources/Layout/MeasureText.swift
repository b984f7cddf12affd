import Foundation

/// Lengths (mm) and font sizes (pt) as messages about a template print them: no trailing ".0", at
/// most one decimal. Hours are not measures: the data prints them (`TableRows.amountFormat`).
enum MeasureText {
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(format: "%.0f", rounded) : String(format: "%.1f", rounded)
    }
}
