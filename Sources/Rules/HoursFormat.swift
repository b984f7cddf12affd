/// Hours as the forms print them: `36`, `12.5`, `9.6` — at most two decimals, no trailing zeros.
public enum HoursFormat {
    public static func string(_ hours: Double) -> String {
        guard hours.isFinite else { return "\(hours)" }
        let cents = Int((hours * 100).rounded())
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
