import Records

/// One person's year in the ledger (学时台账): the year's own recognised hours, the credits it
/// received and gave, and the verdict they make.
///
/// The entry keeps what the year's records alone decide (own hours, credits given, reasons that are not
/// about hours), so that the year can be judged again when an earlier year changes (`reassessed`)
/// without its records.
public struct LedgerYear: Sendable, Equatable, Codable {
    public var idNumber: String
    public var year: Int
    /// Hours of the year's own activities (without any credit), public and professional apart.
    public var ownPublic: Double
    public var ownProfessional: Double
    /// Credits the year's own records claim from an earlier year: a degree record repeated after the
    /// graduation year. Kept apart so that a credit the ledger also holds is counted once.
    public var recordCredits: [LedgerCredit]
    /// Credits counted in the year's totals: the ledger's and the records' own, each once.
    public var received: [LedgerCredit]
    /// Credits the year's activities give to later years.
    public var given: [LedgerCredit]
    public var requiredTotal: Double
    public var requiredPublic: Double
    /// The 聘任周期 (细则二) that contains the year, when the year was judged within it; nil when judged alone.
    public var cycle: AppointmentCycle?
    /// The fail reasons that hours do not decide: a public course not passed, an agency's override.
    public var otherReasons: [String]
    public var pass: Bool
    /// Every reason of a fail (hours first, then `otherReasons`).
    public var reasons: [String]

    public var publicHours: Double { Hours.sum([ownPublic] + received.filter { $0.subject == .public }.map(\.hours)) }
    public var professionalHours: Double {
        Hours.sum([ownProfessional] + received.filter { $0.subject == .professional }.map(\.hours))
    }
    public var totalHours: Double { Hours.sum([publicHours, professionalHours]) }
    public var verdict: AuditVerdict { pass ? .pass : .fail(reasons: reasons) }

    /// The entry of `assessment`, the year of the person with this ID number.
    public init(idNumber: String, _ assessment: PersonAssessment) {
        self.idNumber = idNumber
        year = assessment.year
        recordCredits = assessment.activities.compactMap { $0.counted ? $0.recordCredit : nil }
        let received = assessment.credits + recordCredits
        func own(_ total: Double, _ subject: Subject) -> Double {
            Hours.round(total - Hours.sum(received.filter { $0.subject == subject }.map(\.hours)))
        }
        self.received = received
        ownPublic = own(assessment.publicHours, .public)
        ownProfessional = own(assessment.professionalHours, .professional)
        given = assessment.carried
        requiredTotal = assessment.requiredTotal
        requiredPublic = assessment.requiredPublic
        cycle = assessment.cycle?.cycle
        let hourReasons = HoursShortfall.reasons(publicHours: assessment.publicHours, totalHours: assessment.totalHours,
                                                 requiredPublic: requiredPublic, requiredTotal: requiredTotal,
                                                 cycle: assessment.cycle)
        otherReasons = assessment.verdict.reasons.filter { !hourReasons.contains($0) }
        pass = assessment.verdict.isPass
        reasons = assessment.verdict.reasons
    }

    /// The same year judged again with `credits` from earlier years (the ledger's, now) and, in a
    /// 聘任周期, the person's `earlier` entries (those of the cycle count): its own hours and other
    /// reasons stay, its record credits count unless the ledger holds the same credit.
    public func reassessed(with credits: [LedgerCredit], earlier: [LedgerYear]) -> LedgerYear {
        var next = self
        next.received = LedgerCredits.merge(ledger: credits, records: recordCredits)
        let standing = cycle.flatMap {
            CycleStanding(cycle: $0, year: year, earlier: earlier, publicHours: next.publicHours, totalHours: next.totalHours,
                          requiredPublic: requiredPublic, requiredTotal: requiredTotal)
        }
        let hourReasons = HoursShortfall.reasons(publicHours: next.publicHours, totalHours: next.totalHours,
                                                 requiredPublic: requiredPublic, requiredTotal: requiredTotal,
                                                 cycle: standing)
        next.reasons = hourReasons + otherReasons.filter { !hourReasons.contains($0) }
        next.pass = next.reasons.isEmpty
        return next
    }
}

extension LedgerYear {
    enum CodingKeys: String, CodingKey {
        case idNumber = "id_number", year, ownPublic = "own_public", ownProfessional = "own_professional"
        case recordCredits = "record_credits", received, given, requiredTotal = "required_total"
        case requiredPublic = "required_public", cycle, otherReasons = "other_reasons", pass, reasons
    }
}

/// The reasons a year's hours fail (细则二 and the 2016 notice's 公共科目不少于24学时), alone or, with
/// `cycle`, read over its 聘任周期 (`CycleStanding`). Each reason names where its requirement is written,
/// as every line of the assessment does; the text stays short, for it prints in 附件1's opinion box.
enum HoursShortfall {
    /// 细则二: "平均每年…高、中级专业技术人员不少于72学时，初级专业技术人员不少于40学时".
    static let totalClause = "细则二"
    /// The city's notice of 2016, which adds the public subject's minimum and its assessment to the 细则.
    static let notice = "2016年通知"
    /// The notice's 一: "其中，公共科目继续教育不少于24学时" (the 细则 has no public minimum).
    static let publicClause = notice + "一"

    static func reasons(publicHours: Double, totalHours: Double, requiredPublic: Double, requiredTotal: Double,
                        cycle: CycleStanding? = nil) -> [String] {
        let total = totalHours < requiredTotal - Hours.epsilon
            ? "总学时 \(HoursFormat.string(totalHours))，应达 \(HoursFormat.string(requiredTotal))" : nil
        let publicShort = publicHours < requiredPublic - Hours.epsilon
            ? "公共科目学时 \(HoursFormat.string(publicHours))，应达 \(HoursFormat.string(requiredPublic))" : nil
        // Read over a cycle, the reason names 细则二 with the cycle's sums (`CycleStanding.reasons`).
        guard let cycle else {
            return [total.map { "\($0)（\(totalClause)）" }, publicShort.map { "\($0)（\(publicClause)）" }].compactMap { $0 }
        }
        return cycle.reasons(alone: (total, publicShort))
    }
}

/// Choosing the credits a year counts.
enum LedgerCredits {
    /// The ledger's credits, and each record credit the ledger does not already hold: a credit is counted once.
    static func merge(ledger: [LedgerCredit], records: [LedgerCredit]) -> [LedgerCredit] {
        var seen = Set(ledger.map(\.key))
        var merged = ledger
        for credit in records where seen.insert(credit.key).inserted { merged.append(credit) }
        return merged
    }
}
