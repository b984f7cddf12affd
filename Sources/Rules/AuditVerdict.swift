import Records

/// The result of the audit (审验) of one person for one year.
///
/// Only the rules produce `.pass`; an agency can turn a pass into a fail (`overridden(by:)`), and
/// nothing turns a fail into a pass.
public enum AuditVerdict: Sendable, Equatable {
    /// 合格
    case pass
    /// 不合格, with every reason in Chinese, e.g. `总学时 56，应达 72（细则二）`;
    /// each names the clause it applies (`HoursShortfall`).
    case fail(reasons: [String])

    public var isPass: Bool { self == .pass }

    /// 合格 or 不合格: the verdict in a word, as the result sheet, the roster, the registry, the check
    /// report and the stamp log write it.
    public var word: String { Self.word(pass: isPass) }

    public static func word(pass: Bool) -> String { pass ? "合格" : "不合格" }

    /// A roster's verdicts counted, e.g. `12人合格，3人不合格`.
    public static func tally(passed: Int, failed: Int) -> String {
        "\(passed)人\(word(pass: true))，\(failed)人\(word(pass: false))"
    }

    public var reasons: [String] {
        if case .fail(let reasons) = self { return reasons }
        return []
    }

    /// `继续教育审验合格` or `继续教育审验不合格`, as the 审验意见 box prints it.
    public var headline: String { "继续教育审验\(word)" }

    /// The reasons joined with `；` (empty for a pass).
    public var reasonsText: String { reasons.joined(separator: "；") }

    /// The whole opinion: the headline, and for a fail `：` and the reasons,
    /// e.g. `继续教育审验不合格：总学时 56，应达 72（细则二）；公共科目学时 12，应达 24（2016年通知一）`.
    public var opinionText: String { isPass || reasons.isEmpty ? headline : "\(headline)：\(reasonsText)" }

    /// The agency's `override: fail`: a pass becomes a fail whose reason is the agency's remarks;
    /// a fail stays a fail and gains that reason too. Without an override the verdict is unchanged.
    public func overridden(by audit: Audit?) -> AuditVerdict {
        guard let audit, audit.overrideFail else { return self }
        let remarks = audit.remarks.map { String($0.drop(while: \.isWhitespace)) } ?? ""
        let reason = remarks.isEmpty ? "\(audit.agency)审定不合格" : remarks
        let earlier = reasons
        return .fail(reasons: earlier.contains(reason) ? earlier : earlier + [reason])
    }
}
