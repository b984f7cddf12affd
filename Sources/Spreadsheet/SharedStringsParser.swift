import Foundation

/// `xl/sharedStrings.xml`: the table of strings cells refer to by index (`t="s"`). A string is the
/// text of its `t` elements, rich-text runs joined; phonetic guides (`rPh`) are not part of it.
enum SharedStringsParser {
    /// Nil when the part is not well-formed XML.
    static func parse(_ data: Data) -> [String]? {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        let parsed = XMLReader.read(data) { event, _ in
            switch event {
            case .start("si"): current = ""
            case .start("t"): inText = !inPhonetic
            case .start("rPh"): inPhonetic = true
            case .text(let characters): if inText { current += characters }
            case .end("si"): strings.append(current)
            case .end("t"): inText = false
            case .end("rPh"): inPhonetic = false
            default: break
            }
        }
        return parsed ? strings : nil
    }
}
