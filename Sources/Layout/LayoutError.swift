/// Why a document could not be laid out, in words for the clerk who must fix the data or template.
public enum LayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Text that does not fit its cell even at the smallest allowed size.
    case doesNotFit(subject: String, field: String, cell: String, text: String, floor: Double)
    /// Characters that no configured font can draw.
    case missingGlyphs(subject: String, field: String, characters: [Unicode.Scalar])
    /// A template names a field the document does not provide.
    case unknownField(template: String, field: String)
    /// A fixed part of the template (title, opinion box) cannot fit on an empty page.
    case blockTooTall(template: String, block: String)
    /// A table's rows could not all be made (their source failed), so the document is not complete.
    case rowsUnavailable(subject: String, message: String)

    public var description: String {
        switch self {
        case let .doesNotFit(subject, field, cell, text, floor):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "\(subject)：“\(field)”的内容过长，缩小到 \(MeasureText.format(floor)) 磅仍放不进“\(cell)”栏（内容：\(shown)）。请精简该项内容。"
        case let .missingGlyphs(subject, field, characters):
            let list = characters.map { "“\(Character($0))”(U+\(String($0.value, radix: 16, uppercase: true)))" }
                .joined(separator: "、")
            return "\(subject)：“\(field)”中的字符 \(list) 在所有已配置字体中都没有字形，无法打印。请核对该字符，或安装含有该字的字体。"
        case let .unknownField(template, field):
            return "模板 \(template) 引用了数据中不存在的字段 {\(field)}"
        case let .blockTooTall(template, block):
            return "模板 \(template) 的\(block)高于一整页的版心，无法排版"
        case let .rowsUnavailable(subject, message):
            return "\(subject)：\(message)"
        }
    }
}
