/// A value written out as text that depends on nothing but the value: every stored property with its
/// label, dictionaries and sets in sorted order (Swift's own order changes from run to run). It is
/// what a person's record hashes to for the input digest, and it follows the model by itself: a
/// property added to `Person` is part of the digest without anyone remembering to add it.
enum CanonicalText {
    static func of(_ value: Any) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    private static func append(_ value: Any, to out: inout String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { append(some.value, to: &out) } else { out += "nil" }
        case .dictionary:
            let pairs = mirror.children.map { pair in
                let keyValue = Array(Mirror(reflecting: pair.value).children)
                return of(keyValue[0].value) + ":" + of(keyValue[1].value)
            }
            out += "[" + pairs.sorted().joined(separator: ",") + "]"
        case .set:
            out += "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "}"
        case _ where mirror.children.isEmpty:
            // Strings come out quoted and escaped, numbers exactly, enum cases by their name.
            out += String(reflecting: value)
        default:
            out += "("
            for child in mirror.children {
                out += (child.label ?? "") + "="
                append(child.value, to: &out)
                out += ";"
            }
            out += ")"
        }
    }
}
