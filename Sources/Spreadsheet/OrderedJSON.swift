import Bytes
/// A JSON value that keeps its members in the order written, for the records an import writes: the
/// schema's order (`id_number`, `name`, …) reads better than sorted keys, and numbers stay the text
/// the cell held (`24`, not `24.0`). Written as UTF-8 bytes, two spaces an indent; a value may be
/// written on one line (`inline`), as each activity is.
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
    ///   - out: the bytes written so far.
    ///   - depth: the nesting level the value starts at (for the indent of its members); nil writes the
    ///     value on one line.
    func write(to out: inout [UInt8], depth: Int? = 0) {
        switch self {
        case .string(let text): JSONString.append(text, to: &out)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .raw(let bytes): out.append(contentsOf: bytes)
        case .array(let items):
            Self.container(UInt8(ascii: "["), UInt8(ascii: "]"), items, depth: depth, into: &out) { item, out, inner in
                item.write(to: &out, depth: inner)
            }
        case .object(let members):
            Self.container(UInt8(ascii: "{"), UInt8(ascii: "}"), members, depth: depth, into: &out) { member, out, inner in
                JSONString.append(member.0, to: &out)
                out.append(contentsOf: ": ".utf8)
                member.1.write(to: &out, depth: inner)
            }
        }
    }

    /// The value on one line, `, ` and `: ` between members: an activity, so that a records file reads
    /// (and a change to it shows in a diff) an activity a line, at half the bytes of one member a line.
    func inline() -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, depth: nil)
        return out
    }

    /// An array's items or an object's members: a line each at `depth` + 1, a comma ending every line
    /// but the last; without a depth, on one line after `, `. Empty, just the brackets.
    private static func container<Item>(_ open: UInt8, _ close: UInt8, _ items: [Item], depth: Int?,
                                        into out: inout [UInt8], _ write: (Item, inout [UInt8], Int?) -> Void) {
        out.append(open)
        for (i, item) in items.enumerated() {
            if let depth {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, depth + 1)
            } else if i > 0 {
                out.append(contentsOf: ", ".utf8)
            }
            write(item, &out, depth.map { $0 + 1 })
        }
        if let depth, !items.isEmpty { newline(&out, depth) }
        out.append(close)
    }

    private static func newline(_ out: inout [UInt8], _ depth: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
