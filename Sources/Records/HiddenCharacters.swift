/// Characters that print nothing or silently reorder what follows: control characters (U+0000–U+001F,
/// U+007F, U+0080–U+009F), format characters such as the bidirectional overrides (U+202A–U+202E,
/// U+2066–U+2069), and line or paragraph separators. In a name they make two names look alike on
/// paper and differ on disk, or hide what a name says; such a name is refused.
enum HiddenCharacters {
    static func isHidden(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// Logs an error at `path` when `text` (the field called `label`) holds a hidden character.
    static func refuse(_ text: String?, _ label: String, at path: String, _ log: inout ProblemLog) {
        guard let text, let bad = text.unicodeScalars.enumerated().first(where: { isHidden($0.element) }) else { return }
        log.error(path, "\(label)第 \(bad.offset + 1) 个字符是不可见的控制字符 \(scalarCode(bad.element))，请删除")
    }
}
