/// The problems found by one validation pass, in the order found.
struct ProblemLog {
    var problems: [RecordsProblem] = []
    /// Stamped on every problem, so that a person's problems can be told apart in the file's list.
    var personIndex: Int?

    mutating func error(_ path: String, _ message: String) {
        problems.append(RecordsProblem(severity: .error, path: path, message: message, personIndex: personIndex))
    }

    mutating func warning(_ path: String, _ message: String) {
        problems.append(RecordsProblem(severity: .warning, path: path, message: message, personIndex: personIndex))
    }

    var hasErrors: Bool { problems.contains(where: \.isError) }
    var errorCount: Int { problems.reduce(0) { $0 + ($1.isError ? 1 : 0) } }
}

/// `unit` + `name` → `unit.name`; the root has the empty path.
func joinPath(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

/// One JSON object of the file with its path: checks its keys against the schema and reads typed
/// fields, logging a concrete Chinese sentence for everything wrong. Every reader returns nil when the
/// value is absent or unusable, so that the caller only has to decide what is required.
///
/// `null` for an optional field is read as absent: spreadsheet exports write it for empty cells, and
/// it carries no value that could be lost.
struct ObjectReader {
    let path: String
    private let fields: [String: JSONNode]

    /// Nil (with an error logged at `path`) when the node is not an object. Duplicate keys and keys the
    /// schema does not allow are errors at their own path; `allowed: nil` leaves the object open.
    init?(_ node: JSONNode, path: String, label: String, allowed: [String]?, log: inout ProblemLog) {
        guard case .object(let members) = node else {
            log.error(path.isEmpty ? "$" : path, "\(label)应为对象 {…}，实际为\(node.shortDescription)")
            return nil
        }
        self.path = path
        var fields: [String: JSONNode] = [:]
        for member in members {
            if fields[member.key] != nil {
                log.error(joinPath(path, shortKey(member.key)), "字段\(quoted(shortKey(member.key)))重复出现，只能写一次")
                continue
            }
            fields[member.key] = member.value
            if let allowed, !allowed.contains(member.key) {
                log.error(joinPath(path, shortKey(member.key)), Self.unknownKeyMessage(member.key, allowed: allowed))
            }
        }
        self.fields = fields
    }

    func childPath(_ key: String) -> String { joinPath(path, key) }

    /// The value, nil when absent or `null`.
    func node(_ key: String) -> JSONNode? {
        guard let node = fields[key] else { return nil }
        if case .null = node { return nil }
        return node
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// The members whose keys are not in `known`, as open JSON values (for `params.other`).
    func others(except known: [String]) -> [String: JSONValue] {
        fields.filter { !known.contains($0.key) }.mapValues(\.value)
    }

    /// Logs "缺少必填字段" when the key is absent; returns the node otherwise (null included, so that the
    /// type check says "实际为 null").
    func required(_ key: String, _ label: String, _ log: inout ProblemLog) -> JSONNode? {
        guard let node = fields[key] else {
            log.error(childPath(key), "缺少必填字段\(quoted(key))（\(label)）")
            return nil
        }
        return node
    }

    // MARK: strings

    /// A required string that is not empty after trimming whitespace; the value is kept as given.
    func requiredString(_ key: String, _ label: String, _ log: inout ProblemLog) -> String? {
        guard let node = required(key, label, &log) else { return nil }
        guard let s = string(node, key, label, &log) else { return nil }
        if isBlank(s) {
            log.error(childPath(key), "\(label)不能为空")
            return nil
        }
        return s
    }

    /// An optional string; blank text counts as absent so that defaults (e.g. 学习形式 from the kind) apply.
    func optionalString(_ key: String, _ label: String, _ log: inout ProblemLog) -> String? {
        guard let node = node(key), let s = string(node, key, label, &log) else { return nil }
        return isBlank(s) ? nil : s
    }

    private func string(_ node: JSONNode, _ key: String, _ label: String, _ log: inout ProblemLog) -> String? {
        guard case .string(let s) = node else {
            log.error(childPath(key), "\(label)应为字符串，实际为\(node.shortDescription)")
            return nil
        }
        return s
    }

    // MARK: enumerations

    func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ label: String, _ type: E.Type,
                                                          _ log: inout ProblemLog) -> E? where E.RawValue == String {
        guard let node = required(key, label, &log) else { return nil }
        return enumeration(node, key, label, type, &log)
    }

    func optionalEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ label: String, _ type: E.Type,
                                                          _ log: inout ProblemLog) -> E? where E.RawValue == String {
        guard let node = node(key) else { return nil }
        return enumeration(node, key, label, type, &log)
    }

    private func enumeration<E: RawRepresentable & CaseIterable>(_ node: JSONNode, _ key: String, _ label: String,
                                                                 _ type: E.Type, _ log: inout ProblemLog) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard case .string(let s) = node else {
            log.error(childPath(key), "\(label)应为字符串（\(allowed.joined(separator: "、")) 之一），实际为\(node.shortDescription)")
            return nil
        }
        guard let value = E(rawValue: s) else {
            log.error(childPath(key), "\(label)\(quoted(s))无效，应为 \(allowed.joined(separator: "、")) 之一")
            return nil
        }
        return value
    }

    /// An optional string that must be one of `allowed` (for params whose values the schema only describes).
    func optionalChoice(_ key: String, _ label: String, _ allowed: [String], _ log: inout ProblemLog) -> String? {
        guard let node = node(key) else { return nil }
        guard case .string(let s) = node else {
            log.error(childPath(key), "\(label)应为字符串（\(allowed.joined(separator: "、")) 之一），实际为\(node.shortDescription)")
            return nil
        }
        guard allowed.contains(s) else {
            log.error(childPath(key), "\(label)\(quoted(s))无效，应为 \(allowed.joined(separator: "、")) 之一")
            return nil
        }
        return s
    }

    // MARK: dates

    func requiredDate(_ key: String, _ label: String, _ log: inout ProblemLog) -> CalendarDate? {
        guard let node = required(key, label, &log) else { return nil }
        guard case .string(let s) = node else {
            log.error(childPath(key), "\(label)应为 YYYY-MM-DD 格式的字符串，实际为\(node.shortDescription)")
            return nil
        }
        if let date = CalendarDate(iso: s) { return date }
        if Self.looksLikeISODate(s) {
            log.error(childPath(key), "\(label) \(s) 不是真实的日期")
        } else {
            log.error(childPath(key), "\(label)\(quoted(s))格式不正确，应为 YYYY-MM-DD（如 2016-03-01）")
        }
        return nil
    }

    // MARK: numbers

    /// An optional integer in `range`; `3.0` is accepted as 3, as JSON Schema does. `why` says in a few
    /// words why the upper bound is where it is (the clerk reads it after a value past it).
    func optionalInteger(_ key: String, _ label: String, _ range: ClosedRange<Int>, why: String,
                         _ log: inout ProblemLog) -> Int? {
        guard let node = node(key) else { return nil }
        guard case .number(let d, let literal) = node else {
            log.error(childPath(key), "\(label)应为整数，实际为\(node.shortDescription)")
            return nil
        }
        // The range first: every bound is far below 2^53, so the conversion below is exact.
        guard d >= Double(range.lowerBound) else {
            log.error(childPath(key), "\(label)应为不小于 \(range.lowerBound) 的整数，实际为 \(literal)")
            return nil
        }
        guard d <= Double(range.upperBound) else {
            log.error(childPath(key), "\(label) \(literal) 不合理，最多为 \(range.upperBound)（\(why)），应是录入错误")
            return nil
        }
        guard d == d.rounded() else {
            log.error(childPath(key), "\(label)应为整数，实际为 \(literal)")
            return nil
        }
        return Int(d)
    }

    /// An optional number in `range` (finite: the parser refuses anything else).
    func optionalNumber(_ key: String, _ label: String, _ range: ClosedRange<Double>, why: String,
                        _ log: inout ProblemLog) -> Double? {
        guard let node = node(key) else { return nil }
        guard case .number(let d, let literal) = node else {
            log.error(childPath(key), "\(label)应为数字，实际为\(node.shortDescription)")
            return nil
        }
        guard d >= range.lowerBound else {
            log.error(childPath(key), "\(label)不能小于 \(formatNumber(range.lowerBound))，实际为 \(literal)")
            return nil
        }
        guard d <= range.upperBound else {
            log.error(childPath(key), "\(label) \(literal) 不合理，最多为 \(formatNumber(range.upperBound))（\(why)），应是录入错误")
            return nil
        }
        return d
    }

    func optionalBool(_ key: String, _ label: String, _ log: inout ProblemLog) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .bool(let b) = node else {
            log.error(childPath(key), "\(label)应为 true 或 false，实际为\(node.shortDescription)")
            return nil
        }
        return b
    }

    // MARK: helpers

    private static func looksLikeISODate(_ s: String) -> Bool {
        let c = Array(s)
        return c.count == 10 && c[4] == "-" && c[7] == "-"
            && c.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element.isASCII && $0.element.isNumber) }
    }

    /// "是否应为…？" for a key within two edits of an allowed one. The edit distance is at least the
    /// difference in length, so a key much longer than every allowed one is not compared at all: the
    /// cost stays bounded whatever the file holds (a key of 10 MB is answered at once).
    private static func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        var message = "未知字段\(quoted(shortKey(key)))"
        let longest = allowed.map(\.count).max() ?? 0
        // A Character takes at least one UTF-8 byte; the Character count is checked after.
        if key.utf8.count <= 4 * (longest + suggestionDistance), key.count <= longest + suggestionDistance,
           let near = allowed.min(by: { editDistance($0, key) < editDistance($1, key) }),
           editDistance(near, key) <= suggestionDistance {
            message += "，是否应为\(quoted(near))？"
        } else {
            message += "，"
        }
        return message + "允许的字段：\(allowed.joined(separator: "、"))"
    }

    private static let suggestionDistance = 2
}

/// A key as messages and paths show it: one of more than 64 characters is cut to its first 32 and its
/// length, so that a huge unknown key does not fill every message that names it.
func shortKey(_ key: String) -> String {
    guard key.utf8.count > 64, key.count > 64 else { return key }
    return "\(key.prefix(32))…（共 \(key.count) 个字符）"
}

/// Blank means empty after trimming whitespace (including the full-width space U+3000).
func isBlank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }

/// `24`, `1.5`: numbers in messages without a useless `.0`.
func formatNumber(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
}

/// Levenshtein distance, for "是否应为 title？" after a misspelt key.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
