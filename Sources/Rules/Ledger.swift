import Records

/// 学时台账: each person's assessed years (by 公民身份号码), as the agency's registry or a `--ledger`
/// file holds them. Pure data: reading and writing it is the registry's and the CLI's business.
///
/// **A credit is used once, whatever order the years are assessed in.** A year's credits to later
/// years (`LedgerYear.given`) are derived from that year's own records only, never from what a later
/// year used or from the credits the year itself received. So assessing year 2 before or after year 1,
/// or stamping year 1 again, cannot create, lose or double a credit: year 2 counts exactly the credits
/// year 1's records give it, looked up by (reason, source year, activity), each once (`LedgerCredit.Key`).
public struct Ledger: Sendable, Equatable {
    private var people: [String: [Int: LedgerYear]]

    public init(_ entries: [LedgerYear] = []) {
        people = [:]
        for entry in entries { people[entry.idNumber, default: [:]][entry.year] = entry }
    }

    /// Every entry, by person then year.
    public var entries: [LedgerYear] {
        people.keys.sorted().flatMap { id in people[id]!.keys.sorted().map { people[id]![$0]! } }
    }

    public func entry(idNumber: String, year: Int) -> LedgerYear? { people[idNumber]?[year] }

    /// The credits into `year` that the person's earlier years give.
    public func credits(into year: Int, idNumber: String) -> [LedgerCredit] {
        guard let years = people[idNumber] else { return [] }
        return years.keys.sorted().filter { $0 < year }.flatMap { source in
            years[source]!.given.filter { $0.targetYear == year }
        }
    }

    /// The person's entries of the years before `year`: what a 聘任周期 (细则二) adds up.
    public func entries(idNumber: String, before year: Int) -> [LedgerYear] {
        guard let years = people[idNumber] else { return [] }
        return years.keys.sorted().filter { $0 < year }.map { years[$0]! }
    }

    /// Records `entry` (replacing the person's entry of that year) and judges again each later year
    /// of the person that the ledger holds, in order: its credits, and its 聘任周期's hours so far.
    /// Returns the later years whose result changed.
    @discardableResult
    public mutating func record(_ entry: LedgerYear) -> [LedgerChange] {
        people[entry.idNumber, default: [:]][entry.year] = entry
        var changes: [LedgerChange] = []
        for later in people[entry.idNumber]!.keys.sorted() where later > entry.year {
            let before = people[entry.idNumber]![later]!
            // Earlier entries as they now stand: those re-judged in this loop are already replaced.
            let after = before.reassessed(with: credits(into: later, idNumber: entry.idNumber),
                                          earlier: entries(idNumber: entry.idNumber, before: later))
            guard after != before else { continue }
            people[entry.idNumber]![later] = after
            changes.append(LedgerChange(before: before, after: after))
        }
        return changes
    }
}

/// A later year whose result changed because an earlier year was (re)assessed.
public struct LedgerChange: Sendable, Equatable {
    public var before: LedgerYear
    public var after: LedgerYear

    public var idNumber: String { after.idNumber }
    public var year: Int { after.year }
    public var verdictChanged: Bool { before.pass != after.pass }

    /// e.g. `2017年度：总学时 0 → 72，不合格 → 合格`.
    public var summary: String {
        var text = "\(year)年度：总学时 \(HoursFormat.string(before.totalHours)) → \(HoursFormat.string(after.totalHours))"
        text += "，" + (verdictChanged ? "\(before.verdict.word) → \(after.verdict.word)" : "仍为\(after.verdict.word)")
        return text
    }
}
