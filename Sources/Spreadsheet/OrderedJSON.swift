/// A JSON value that keeps its members in the order written, for the records an import writes: the
/// schema's order (`id_number`, `name`, …) reads better than sorted keys, and numbers stay the text
/// the cell held (`24`, not `24.0`). Written as UTF-8 bytes, two spaces an indent.
enum OrderedJSON: Sendable {
    case string(String)
    /// A number literal, already valid JSON.
    case number(String)
    case bool(Bool)
    /// Written already (an activity, serialised when its row was read: bytes hold far less than the tree).
    case raw([UInt8])
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    /// - Parameters:
    ///   - out: bytes, or the `Data` of a whole document (written in place: no copy of a file's size).
    ///   - depth: the nesting level the value starts at (for the indent of its members).
    func write<Bytes: RangeReplaceableCollection<UInt8>>(to out: inout Bytes, depth: Int = 0) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .raw(let bytes): out.append(contentsOf: bytes)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                Self.newline(&out, depth + 1)
                item.write(to: &out, depth: depth + 1)
                if i < items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                Self.newline(&out, depth + 1)
                Self.quote(key, into: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, depth: depth + 1)
                if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The value written on its own, starting at `depth`.
    func bytes(depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, depth: depth)
        return out
    }

    private static func newline<Bytes: RangeReplaceableCollection<UInt8>>(_ out: inout Bytes, _ depth: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func quote<Bytes: RangeReplaceableCollection<UInt8>>(_ text: String, into out: inout Bytes) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
