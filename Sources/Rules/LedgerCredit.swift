import Records

/// Hours one year of a person gives to a later year (结转学时), with the activity and year they came from.
///
/// Two reasons, each a clause of the 细则:
/// - 四(二)(四)(五)(六) "一次最多认定两年的学时": a capped activity counts one year's requirement to the
///   year it ends in and the rest (at most one more year's requirement) to the following year;
/// - 四(三) "取得毕业或结业证书的，从毕业当年起认定三年内有效": a diploma's 72 hours count in the
///   graduation year and again in each of the two years after it.
public struct LedgerCredit: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// 上年度结转 (四(二)(四)(五)(六))
        case carryOver = "carry_over"
        /// 学历证书有效期内 (四(三))
        case diploma
    }

    public var reason: Reason
    /// The year whose record holds the activity.
    public var sourceYear: Int
    /// The year the hours count in.
    public var targetYear: Int
    public var kind: ActivityKind
    /// e.g. `四(四)`.
    public var clause: String
    /// 学习内容 of the activity.
    public var content: String
    public var subject: Subject
    public var hours: Double

    public init(reason: Reason, sourceYear: Int, targetYear: Int, kind: ActivityKind, clause: String,
                content: String, subject: Subject, hours: Double) {
        self.reason = reason
        self.sourceYear = sourceYear
        self.targetYear = targetYear
        self.kind = kind
        self.clause = clause
        self.content = content
        self.subject = subject
        self.hours = hours
    }

    /// What makes two credits the same: one activity of one year credits a given year once. A diploma
    /// is one per graduation year, whatever the later records call it (a repeated degree record names
    /// the same diploma in other words).
    public struct Key: Hashable, Sendable {
        let reason: Reason
        let sourceYear: Int
        let targetYear: Int
        let content: String?
    }

    public var key: Key {
        Key(reason: reason, sourceYear: sourceYear, targetYear: targetYear, content: reason == .diploma ? nil : content)
    }

    /// The line's label as the forms print it: `上年度结转` or `学历教育`.
    public var label: String { reason == .carryOver ? "上年度结转" : "学历教育" }

    /// Where the hours come from, e.g. `2016年度 专业高级研修班《心血管介入》`.
    public var sourceText: String { "\(sourceYear)年度《\(content)》" }

    /// One line in Chinese naming the clause, e.g.
    /// `上年度结转：2016年度《心血管介入》72学时（细则四(四)，一次最多认定两年的学时）`.
    public func explanation(clausePrefix: String) -> String {
        let hoursText = "\(HoursFormat.string(hours))学时"
        switch reason {
        case .carryOver:
            return "\(label)：\(sourceText)\(hoursText)（\(clausePrefix)\(clause)，一次最多认定两年的学时）"
        case .diploma:
            return "\(label)：\(sourceYear)年毕业《\(content)》\(hoursText)（\(clausePrefix)\(clause)，从毕业当年起认定三年内有效）"
        }
    }
}

// The record enums are Encodable only; the ledger reads its own file back, so its credits decode them.
extension LedgerCredit {
    enum CodingKeys: String, CodingKey {
        case reason, sourceYear = "source_year", targetYear = "target_year", kind, clause, content, subject, hours
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reason = try c.decode(Reason.self, forKey: .reason)
        sourceYear = try c.decode(Int.self, forKey: .sourceYear)
        targetYear = try c.decode(Int.self, forKey: .targetYear)
        kind = try LedgerCoding.enumValue(ActivityKind.self, c, .kind)
        clause = try c.decode(String.self, forKey: .clause)
        content = try c.decode(String.self, forKey: .content)
        subject = try LedgerCoding.enumValue(Subject.self, c, .subject)
        hours = try c.decode(Double.self, forKey: .hours)
    }
}

/// Decoding the records' raw-value enums inside ledger entries, with an error naming the value.
enum LedgerCoding {
    static func enumValue<E: RawRepresentable<String>, K: CodingKey>(_ type: E.Type, _ c: KeyedDecodingContainer<K>,
                                                                     _ key: K) throws -> E {
        let raw = try c.decode(String.self, forKey: key)
        guard let value = E(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "「\(raw)」不是可用的值")
        }
        return value
    }
}
