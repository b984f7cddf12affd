/// A strict RFC 8259 parser over UTF-8 bytes that have already been checked to be valid UTF-8.
///
/// One member of the root object can be streamed (`people`): its array's items are parsed one at a
/// time, each handed to a callback with its byte range and then dropped, so that a file of any size
/// is checked without holding its tree.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the value being parsed ends (offsets stay those of the whole file, for messages).
    private let end: Int
    private var i: Int
    private var depth = 0
    /// Deep enough for any records file; stops a malicious file from overflowing the stack.
    private static let maxDepth = 256
    private var stream: Stream?

    /// The root member whose array items go to `item` instead of into the tree.
    struct Stream {
        var key: String
        /// At most this many items: the parse stops where one more begins (`JSONSyntaxError.pastLimit`),
        /// so that a huge array costs nothing beyond the limit.
        var limit = Int.max
        /// Each item's byte range, once it has been parsed.
        var item: (Range<Int>) -> Void
        var done = false
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, stream: Stream?) {
        self.bytes = bytes
        end = range.upperBound
        i = range.lowerBound
        self.stream = stream
    }

    /// Parses the one value that `range` of `bytes` holds. With `stream`, the root object's member
    /// `stream.key`, when it is an array, stands in the tree as an empty array: its items went to
    /// `stream.item`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                      stream: Stream? = nil) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes, range, stream: stream)
        let node = try parser.value()
        parser.skipWhitespace()
        if parser.i < parser.end {
            throw parser.unexpected("JSON 数据已经结束，后面还有多余的内容")
        }
        return node
    }

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parse(buffer, 0..<buffer.count) }
    }

    // MARK: values

    private mutating func value() throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        guard i < end else { throw JSONSyntaxError(offset: i, message: "文件意外结束，此处缺少一个值") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: throw unexpected("此处应为一个值（字符串要用英文双引号括起来）")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONNode {
        try enter()
        i += 1  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { i += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < end else { throw endOfFile("对象缺少右花括号 }") }
            if bytes[i] == UInt8(ascii: "}") && !members.isEmpty {
                throw JSONSyntaxError(offset: i, message: "对象的最后一项后面多了一个逗号")
            }
            guard bytes[i] == UInt8(ascii: "\"") else { throw unexpected("此处应为用英文双引号括起来的字段名") }
            let key = try string()
            skipWhitespace()
            guard i < end else { throw endOfFile("字段名 \(quoted(key)) 后面缺少冒号和值") }
            guard bytes[i] == UInt8(ascii: ":") else { throw unexpected("字段名 \(quoted(key)) 后面应为英文冒号 :") }
            i += 1
            skipWhitespace()
            if depth == 1, stream?.key == key, stream?.done == false, peek(UInt8(ascii: "[")) {
                stream!.done = true
                members.append(JSONMember(key: key, value: try array(streamed: true)))
            } else {
                members.append(JSONMember(key: key, value: try value()))
            }
            skipWhitespace()
            guard i < end else { throw endOfFile("对象缺少右花括号 }") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
            throw unexpected("此处应为英文逗号 , 或右花括号 }（可能漏了逗号）")
        }
    }

    /// `streamed`: the items go to `stream.item` and the array stands as empty.
    private mutating func array(streamed: Bool = false) throws(JSONSyntaxError) -> JSONNode {
        try enter()
        i += 1  // [
        var items: [JSONNode] = []
        var count = 0
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { i += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) && count > 0 {
                throw JSONSyntaxError(offset: i, message: "数组的最后一项后面多了一个逗号")
            }
            let start = i
            if streamed, count == stream!.limit {
                throw JSONSyntaxError(offset: start, message: "数组超过 \(count) 项的上限", pastLimit: true)
            }
            let item = try value()
            if streamed { stream!.item(start..<i) } else { items.append(item) }
            count += 1
            skipWhitespace()
            guard i < end else { throw endOfFile("数组缺少右方括号 ]") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
            throw unexpected("此处应为英文逗号 , 或右方括号 ]（可能漏了逗号）")
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1  // "
        var buffer: [UInt8] = []
        var runStart = i
        while true {
            guard i < end else {
                throw JSONSyntaxError(offset: open, message: "字符串缺少结尾的英文双引号 \"")
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<i])
                i += 1
                // Most strings have no escape (each one writes to the buffer): decoded straight from the file's bytes.
                guard !buffer.isEmpty else { return String(decoding: run, as: UTF8.self) }
                buffer.append(contentsOf: run)
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 {
                throw JSONSyntaxError(offset: i, message: b == 0x0A || b == 0x0D
                    ? "字符串中不能直接换行（应写作 \\n），或者前一个字符串缺少结尾的双引号"
                    : "字符串中含有控制字符，应写作 \\u 转义")
            }
            if b == UInt8(ascii: "\\") {
                buffer.append(contentsOf: bytes[runStart..<i])
                try escape(into: &buffer)
                runStart = i
                continue
            }
            i += 1
        }
    }

    /// Reads one escape sequence starting at the backslash.
    private mutating func escape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let start = i
        i += 1
        guard i < end else { throw JSONSyntaxError(offset: start, message: "字符串缺少结尾的英文双引号 \"") }
        let c = bytes[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(c)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard i + 1 < end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                    throw JSONSyntaxError(offset: start, message: "\\u 转义的代理对不完整")
                }
                i += 2
                let low = try hex4(escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONSyntaxError(offset: start, message: "\\u 转义的代理对不完整")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw JSONSyntaxError(offset: start, message: "\\u 转义的代理对不完整")
            }
            buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
        default:
            throw JSONSyntaxError(offset: start, message: "无效的转义符 \\\(Character(Unicode.Scalar(c)))（反斜杠 \\ 本身应写作 \\\\）")
        }
    }

    private mutating func hex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= end else { throw JSONSyntaxError(offset: escapeStart, message: "\\u 转义后应为 4 位十六进制数") }
        var code: UInt32 = 0
        for b in bytes[i..<i + 4] {
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError(offset: escapeStart, message: "\\u 转义后应为 4 位十六进制数")
            }
            code = code << 4 | UInt32(digit)
        }
        i += 4
        return code
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONNode {
        let start = i
        let bad = JSONSyntaxError(offset: start, message: "数字格式不正确")
        if peek(UInt8(ascii: "-")) { i += 1 }
        guard i < end, isDigit(bytes[i]) else { throw bad }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(bytes[i]) { throw JSONSyntaxError(offset: start, message: "数字不能以 0 开头（如 08 应写作 8）") }
        } else {
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            i += 1
            guard i < end, isDigit(bytes[i]) else { throw bad }
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            i += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { i += 1 }
            guard i < end, isDigit(bytes[i]) else { throw bad }
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        let literal = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(literal), d.isFinite else { throw JSONSyntaxError(offset: start, message: "数字 \(literal) 超出范围") }
        return .number(d, literal: literal)
    }

    private mutating func literal(_ word: String, _ node: JSONNode) throws(JSONSyntaxError) -> JSONNode {
        let w = Array(word.utf8)
        guard i + w.count <= end, Array(bytes[i..<i + w.count]) == w else {
            throw unexpected("此处应为一个值（字符串要用英文双引号括起来）")
        }
        i += w.count
        return node
    }

    // MARK: helpers

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw JSONSyntaxError(offset: i, message: "嵌套层数过多") }
    }

    private mutating func skipWhitespace() {
        while i < end {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func peek(_ b: UInt8) -> Bool { i < end && bytes[i] == b }
    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private func endOfFile(_ what: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: end, message: "文件意外结束，\(what)")
    }

    /// An error at the current byte that names what was found, with the usual slips of a clerk
    /// (full-width punctuation from a Chinese input method, single quotes, comments) told plainly.
    private func unexpected(_ expectation: String) -> JSONSyntaxError {
        guard i < end else { return endOfFile(expectation) }
        let found = scalar(at: i)
        let message: String
        switch found {
        case "，", "：", "“", "”", "｛", "｝", "［", "］", "＂", "\u{3000}", "；", "、":
            let shown = found == "\u{3000}" ? "全角空格" : "全角字符“\(found)”"
            message = "发现\(shown)，JSON 只能使用英文（半角）标点；\(expectation)"
        case "'":
            message = "字符串要用英文双引号 \" 括起来，不能用单引号"
        case "/":
            message = "JSON 不允许写注释"
        default:
            let shown = found.properties.generalCategory == .control ? scalarCode(found) : "“\(found)”"
            message = "遇到意外的字符 \(shown)；\(expectation)"
        }
        return JSONSyntaxError(offset: i, message: message)
    }

    /// The Unicode scalar that starts at byte `at` (the bytes are valid UTF-8).
    private func scalar(at offset: Int) -> Unicode.Scalar {
        var last = offset + 1
        while last < end, last < offset + 4, bytes[last] & 0xC0 == 0x80 { last += 1 }
        return String(decoding: bytes[offset..<last], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }
}
