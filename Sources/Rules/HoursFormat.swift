/// Hours as the forms print them: `36`, `12.5`, `9.6` — at most two decimals, no trailing zeros.
public enum HoursFormat {
    /// Hundredths below 2^53 are exact in a Double.
    private static let exact: UInt = 1 << 53
    /// Total over every Double: validation keeps real hours far below `exact`, and past it (or for a
    /// value that is not finite) the number is written plainly instead of being converted to an Int.
    public static func string(_ hours: Double) -> String {
        guard let cents = Int(exactly: (hours * 100).rounded()), cents.magnitude < exact else {
            return hours.isFinite ? String(hours.rounded()) : "\(hours)"
        }
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100
        let fraction = abs(cents) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// Arithmetic on hours. Values are kept to hundredths so that sums such as 9.6 + 14.4 compare
/// exactly against a requirement of 24.
enum Hours {
    static let epsilon = 0.005

    static func round(_ hours: Double) -> Double { (hours * 100).rounded() / 100 }

    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) < epsilon }

    /// Sum rounded to hundredths.
    static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        round(values.reduce(0, +))
    }
}
