/// A folder name made from data (a unit's name) that can never leave the archive: no "/" or "\",
/// no "." or ".." alone, no control characters, no leading dot, bounded length. Chinese is kept, so
/// an archivist still reads the unit's name.
public enum SafeName {
    /// Bytes allowed in one path component, well under the usual 255.
    static let maxBytes = 180

    public static func make(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": out.unicodeScalars.append("_")
            case _ where scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator:
                out.unicodeScalars.append("_")
            default: out.unicodeScalars.append(scalar)
            }
        }
        // Cut first, then trim, so a cut cannot leave a trailing dot or blank.
        while out.utf8.count > maxBytes { out.removeLast() }
        out = out.trimmingWhitespaceAndDots()
        return out.isEmpty ? "_" : out
    }
}

extension String {
    /// Leading dots would hide the folder or make ".."; surrounding blanks confuse people.
    fileprivate func trimmingWhitespaceAndDots() -> String {
        var s = Substring(self)
        while let first = s.first, first == "." || first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace || last == "." { s = s.dropLast() }
        return String(s)
    }
}
