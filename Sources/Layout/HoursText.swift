import Foundation

/// Numbers as the forms print them: no trailing ".0", at most one decimal.
public enum HoursText {
    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        // Int(exactly:): no trap for a value too large for an Int (the rules keep hours far below).
        if rounded == rounded.rounded(), let whole = Int(exactly: rounded) { return String(whole) }
        return String(format: "%.1f", rounded)
    }

    /// A cell's number, if the cell holds one (sums of 本页小计 and 合计). The cells are the
    /// documents' own formatting of hours, so no blanks need trimming.
    public static func parse(_ text: String) -> Double? {
        Double(text)
    }
}
