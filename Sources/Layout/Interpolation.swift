/// `{field}` placeholders in template text, filled from the document's data.
enum Interpolation {
    /// The text with every `{key}` replaced. `extra` wins over `fields` (page numbers, row values).
    static func fill(_ template: String, fields: [String: String], extra: [String: String] = [:],
                     templateName: String) throws(LayoutError) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            guard let value = extra[key] ?? fields[key] else {
                throw .unknownField(template: templateName, field: key)
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The first placeholder's key, to name the field in an error ("person.name"), or the label text.
    static func fieldName(of template: String) -> String {
        guard let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") else {
            return template
        }
        return String(template[template.index(after: open)..<close])
    }
}
