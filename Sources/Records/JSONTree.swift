/// A parsed JSON document as the validators need it.
///
/// A small parser of our own rather than JSONSerialization because the validators need what Foundation
/// does not give on every platform: members in file order (problems are reported in file order),
/// duplicate keys (a second `"name"` would otherwise silently win), the literal text of numbers,
/// `true` kept apart from `1`, and the exact position of a syntax error.
enum JSONNode: Sendable {
    case null
    case bool(Bool)
    /// The value and the literal as written, to quote it back in messages.
    case number(Double, literal: String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// The type and, for scalars, the value as written: `数字 24`, `字符串"abc"`, `空值 null`.
    var shortDescription: String {
        switch self {
        case .null: "空值 null"
        case .bool(let b): "布尔值 \(b)"
        case .number(_, let literal): "数字 \(literal)"
        case .string(let s): "字符串\(quoted(s))"
        case .array: "数组"
        case .object: "对象"
        }
    }

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// Converts to the open `JSONValue` of the model (for `params.other`).
    var value: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let d, _): .number(d)
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(\.value))
        // A duplicate key inside an open value keeps the last one, as JSONSerialization would.
        case .object(let members): .object(Dictionary(members.map { ($0.key, $0.value.value) }, uniquingKeysWith: { $1 }))
        }
    }
}

struct JSONMember: Sendable {
    var key: String
    var value: JSONNode
}

/// A syntax error at a byte offset; `TextPosition` turns the offset into line and column.
struct JSONSyntaxError: Error, Sendable {
    var offset: Int
    var message: String
    /// Not a syntax error: a streamed array reached its `Stream.limit`.
    var pastLimit = false
}

/// Quotes a value for a message, shortening very long text so that one sentence stays one line.
func quoted(_ s: String, limit: Int = 40) -> String {
    let shown = s.count > limit ? String(s.prefix(limit)) + "…" : s
    return "\"\(shown)\""
}

/// Line and column (both from 1) of a byte offset, as a text editor shows them: the column counts
/// characters (Unicode scalars), not bytes, so that Chinese text does not shift it.
struct TextPosition: Sendable, Equatable {
    var line: Int
    var column: Int

    /// `start`: where the text begins (after a byte-order mark).
    init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        let end = min(max(offset, start), bytes.count)
        var line = 1
        var column = 1
        for b in bytes[start..<end] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }
}

/// The offset of the first byte of `bytes[range]` that is not valid UTF-8, or nil when all of them
/// are. `progress` is told every so often how far the check has got.
func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                            progress: (Int) -> Void = { _ in }) -> Int? {
    var offset = range.lowerBound
    var reported = offset
    while offset < range.upperBound {
        if offset - reported >= 1 << 20 {
            progress(offset)
            reported = offset
        }
        // ASCII, nearly all of a records file, needs no decoding and is passed eight bytes at a time:
        // the scan reads every byte of every file and request, and must stay cheap even in a debug build.
        if offset + 8 <= range.upperBound, let base = bytes.baseAddress,
           UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            offset += 8
            continue
        }
        if bytes[offset] < 0x80 {
            offset += 1
            continue
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[offset..<min(offset + 4, range.upperBound)].makeIterator()
        guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return offset }
        offset += encoded.count
    }
    return nil
}

/// `U+000B`: how a message names an invisible character.
func scalarCode(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
