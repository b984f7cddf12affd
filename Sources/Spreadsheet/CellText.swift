/// A cell's text as a clerk meant it: full-width digits, letters and punctuation (typed with a Chinese
/// input method in full-width mode) made half-width, the ideographic space a plain one, and blanks at
/// either end dropped. Only for values that are codes, numbers or dates: names and free text keep
/// their full-width characters, which the forms print as typed (only trimmed).
enum CellText {
    static func normalise(_ text: String) -> String {
        // Plain ASCII (dates, numbers, most IDs) has nothing to make half-width.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return trim(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(scalar)
            }
        }
        return trim(String(out))
    }

    /// Blanks at either end: spaces, tabs, line breaks, the ideographic and no-break spaces.
    static func trim(_ text: String) -> String {
        let blank: (Unicode.Scalar) -> Bool = { scalar in
            switch scalar.value {
            // Printable ASCII and CJK ideographs, at either end of most cells, are never blank: no lookup of
            // their Unicode properties (two for every cell of a sheet).
            case 0x21..<0x7F, 0x4E00...0x9FFF: false
            default: scalar.properties.isWhitespace || scalar.value == 0xFEFF
            }
        }
        let scalars = text.unicodeScalars
        // Most cells have nothing to trim: no copy for them.
        if let first = scalars.first, let last = scalars.last, !blank(first), !blank(last) { return text }
        guard let first = scalars.firstIndex(where: { !blank($0) }),
              let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
