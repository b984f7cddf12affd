import Foundation

/// A record written out as text that depends on nothing but its value: JSON with sorted keys, from
/// the model's own `Encodable` conformance. It is what a person's record hashes to for the input
/// digest, and it follows the model by itself: a property added to `Person` is part of the digest
/// without anyone remembering to add it. (Formatting of the records file — spaces, key order — does
/// not change it, so re-exporting a file does not re-render anyone.)
enum CanonicalText {
    static func of(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The model holds validated values only; encoding them cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
