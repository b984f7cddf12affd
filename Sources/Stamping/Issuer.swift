import Records
import Rules

/// 出具审验结果: the rules by which an audit agency issues results, the same whichever front end
/// stamps (`cedocs stamp`, `POST /v1/stamp`): which units and people it may stamp, and the serial
/// protocol — the same content keeps its serial and signature (so the same bytes), changed content
/// gets the next serial and the old result is superseded.
public struct Issuer: Sendable {
    public let profile: AgencyProfile
    public let key: AgencyKey

    public init(profile: AgencyProfile, key: AgencyKey) {
        self.profile = profile
        self.key = key
    }

    /// 审验范围: an agency stamps only the units of its districts.
    public func admit(_ unit: EmployerUnit) throws(StampingError) {
        guard profile.serves(unit.district) else {
            let district = unit.district.map { "属于“\($0)”" } ?? "未写明所属地区（unit.district）"
            throw StampingError("单位“\(unit.name)”\(district)，不在\(profile.name)的审验范围"
                                + "（\(profile.districts.joined(separator: "、"))）内：不能盖章。")
        }
    }

    /// Why the person is not stamped, or nil when the agency issues a result: only people this agency
    /// has examined (`audit.agency`) whose record the rules accept.
    public func refusal(_ person: Person, _ assessment: PersonAssessment) -> String? {
        guard let audit = person.audit else { return "尚未审验（记录中没有 audit），不出具结果" }
        guard audit.agency == profile.name else { return "记录中的审验机构是“\(audit.agency)”，不是“\(profile.name)”" }
        guard !assessment.hasErrors else {
            return "记录有误，须先更正（cedocs check 可查看）：" + assessment.errors.joined(separator: "；")
        }
        return nil
    }

    /// Why the unit's 附件2 is not stamped, or nil: it is stamped once every person on it has a result.
    public static func rosterRefusal(people: Int, results: Int, rejected: Int) -> String? {
        let reason = rejected > 0 ? "有 \(rejected) 人的记录有误未受理，表中名单不全"
            : people == 0 ? "表中没有人员" : results < people ? "表中有 \(people - results) 人未出具结果（见上）" : nil
        return reason.map { $0 + "；全部人员出具结果后再盖章" }
    }

    /// What issuing `content` comes to, given the result in force for the same person or unit.
    public enum Outcome: Sendable {
        /// The content is the one signed before: its serial and signature stand.
        case reused(SignedResult)
        /// A new result, signed; `replacing` is the one it supersedes.
        case issued(SignedResult, replacing: Serial?)

        public var signed: SignedResult {
            switch self {
            case .reused(let signed), .issued(let signed, _): signed
            }
        }

        /// Signed in this run, not kept from before.
        public var isNew: Bool {
            if case .issued = self { true } else { false }
        }

        /// The serial a new result supersedes.
        public var replacing: Serial? {
            if case .issued(_, let replacing) = self { replacing } else { nil }
        }
    }

    /// Signs `content` unless it is `current`'s, which then stands as it is.
    public func issue(_ content: ResultContent, current: SignedResult?) throws(StampingError) -> Outcome {
        if let current, current.content == content { return .reused(current) }
        return .issued(try key.sign(content), replacing: current?.content.serial)
    }
}
