import Records

extension AssessmentStandard {
    /// Whether a 考核结果 is a pass: one of the passing words, or a score at or above the pass mark
    /// (`85分`, `85`, full-width digits too). Absent or anything else is not a pass.
    public func isPass(_ assessment: String?) -> Bool {
        AssessmentCheck(assessment, standard: self).passed
    }
}

/// One activity's assessment read against the standard.
struct AssessmentCheck {
    /// The text as given, trimmed; nil when absent or blank.
    let given: String?
    let passed: Bool

    init(_ text: String?, standard: AssessmentStandard) {
        let trimmed = text.map(Self.trim) ?? ""
        given = trimmed.isEmpty ? nil : trimmed
        guard let given else {
            passed = false
            return
        }
        if standard.passingWords.contains(given) {
            passed = true
        } else if let score = Self.score(given) {
            passed = score >= standard.passingScore
        } else {
            passed = false
        }
    }

    private static func trim(_ s: String) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `85分` → 85; nil when the text is not a number (with an optional 分).
    private static func score(_ text: String) -> Double? {
        var body = Substring(text)
        if body.hasSuffix("分") { body = body.dropLast() }
        let ascii = String(body.unicodeScalars.map { scalar -> Character in
            // Full-width digits and point (８５．５) as typed by Chinese input methods.
            if (0xFF10...0xFF19).contains(scalar.value), let digit = Unicode.Scalar(scalar.value - 0xFF10 + 0x30) {
                return Character(digit)
            }
            if scalar.value == 0xFF0E { return "." }
            return Character(scalar)
        })
        guard !ascii.isEmpty, ascii.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(ascii)
    }
}
