import Records

/// Where a year stands in its 聘任周期 (细则二), read from the ledger's earlier years of the cycle.
///
/// 细则二: "专业技术人员平均每年脱产或者半脱产接受继续教育的累计时间，高、中级专业技术人员不少于72学时，
/// 初级专业技术人员不少于40学时。……单位实行专业技术人员职务聘任制的，继续教育的实施周期与职务聘任周期一致。
/// 周期内学习时间可以集中使用，也可以分散使用。"
///
/// How cedocs reads it (the text says no more; these are our choices):
/// - **A year before the cycle's last** meets a requirement (总学时, 公共科目) when its own counted hours
///   meet the yearly one, or when the cycle's years so far, this one included, meet it as many times as
///   there are such years ("平均每年…不少于72学时"; hours "集中使用" early cover the later years). Hours
///   not yet earned never cover an earlier year: a result is issued at its year's audit and must be true
///   then (a year short of hours is never stamped 合格 on hours that may never come).
/// - **The cycle's last year** must show the whole cycle's requirement: the cycle is the period of the
///   requirement ("实施周期与职务聘任周期一致"), so its last audit checks the average over all its years,
///   even when the last year alone would meet the yearly requirement.
/// - **Public hours may be concentrated too.** 细则二 lets "学习时间" be concentrated without exception,
///   and the 2016 notice states the public minimum inside the same yearly average ("平均每年…不少于72学时。
///   其中，公共科目继续教育不少于24学时"), so the public requirement is read over the cycle like the total
///   (24 × the years). A public course of the year that is not assessed 合格 still fails the year (the
///   notice's "当年度公共科目培训课程经考核是否合格"): that reason is not about hours and the cycle does not touch it.
/// - **Credits are never counted twice.** The cycle adds up each year's counted hours as the ledger holds
///   them (own hours plus the credits the year received). A carried part (四(二)(四)(五)(六)) counts only in
///   the year it is carried to, so over the cycle an activity counts its capped hours once; a diploma
///   (四(三)) counts its 72 hours in each year of its validity, as the clause says, once per year.
/// - An earlier year of the cycle that the ledger does not hold counts 0 hours, and the line says so.
public struct CycleStanding: Sendable, Equatable {
    public var cycle: AppointmentCycle
    public var year: Int
    /// Counted hours of the cycle's years from its first through `year`, public and in all.
    public var publicSoFar: Double
    public var totalSoFar: Double
    /// The requirement of those years: the yearly one times their number.
    public var requiredPublicSoFar: Double
    public var requiredTotalSoFar: Double
    /// The year's own counted hours (credits received included) against the yearly requirement.
    public var yearMeetsTotal: Bool
    public var yearMeetsPublic: Bool
    /// Earlier years of the cycle that the ledger does not hold (counted as 0 hours).
    public var missingYears: [Int]

    /// The standing of `year` in `cycle`, nil when the cycle does not contain the year (it is then
    /// judged alone). `earlier` are the person's ledger entries; those of the cycle before `year` count.
    public init?(cycle: AppointmentCycle, year: Int, earlier: [LedgerYear], publicHours: Double, totalHours: Double,
                 requiredPublic: Double, requiredTotal: Double) {
        guard cycle.contains(year) else { return nil }
        let counted = earlier.filter { $0.year >= cycle.firstYear && $0.year < year }
        let years = Double(year - cycle.firstYear + 1)
        self.cycle = cycle
        self.year = year
        publicSoFar = Hours.sum(counted.map(\.publicHours) + [publicHours])
        totalSoFar = Hours.sum(counted.map(\.totalHours) + [totalHours])
        requiredPublicSoFar = Hours.round(requiredPublic * years)
        requiredTotalSoFar = Hours.round(requiredTotal * years)
        yearMeetsTotal = totalHours >= requiredTotal - Hours.epsilon
        yearMeetsPublic = publicHours >= requiredPublic - Hours.epsilon
        let held = Set(counted.map(\.year))
        missingYears = (cycle.firstYear..<year).filter { !held.contains($0) }
    }

    public var isLastYear: Bool { year == cycle.lastYear }
    /// 第几年 of the cycle.
    public var position: Int { year - cycle.firstYear + 1 }
    public var coversTotal: Bool { totalSoFar >= requiredTotalSoFar - Hours.epsilon }
    public var coversPublic: Bool { publicSoFar >= requiredPublicSoFar - Hours.epsilon }

    /// Whether the cycle, not the year alone, decided the hours: always in the last year (it checks the
    /// whole cycle), before it when the year alone falls short. The documents then show the cycle.
    public var decided: Bool { isLastYear || !(yearMeetsTotal && yearMeetsPublic) }

    /// e.g. `聘任周期2016—2018年度`.
    public var name: String { "聘任周期\(cycle.firstYear)—\(cycle.lastYear)年度" }

    private var missingNote: String {
        missingYears.isEmpty ? "" : "；" + missingYears.map { "\($0)年度" }.joined(separator: "、") + "不在学时台账中，按0学时计"
    }

    /// The clause every line names: the rule is 细则二 of 徐政人发〔2007〕130号, not a rate of the policy's table.
    static let clause = "细则二"

    /// The fail reasons of the year's hours read over the cycle; empty when they suffice. `alone` are the
    /// year's own reasons (`HoursShortfall`), which a year before the last keeps when the cycle does not cover it.
    func reasons(alone: (total: String?, publicHours: String?)) -> [String] {
        var reasons: [String] = []
        let clause = Self.clause
        if isLastYear {
            if !coversTotal {
                reasons.append("\(name)累计总学时 \(HoursFormat.string(totalSoFar))，周期最后一年应达 "
                    + "\(HoursFormat.string(requiredTotalSoFar))（\(clause)\(missingNote)）")
            }
            if !coversPublic {
                reasons.append("\(name)累计公共科目学时 \(HoursFormat.string(publicSoFar))，周期最后一年应达 "
                    + "\(HoursFormat.string(requiredPublicSoFar))（\(clause)\(missingNote)）")
            }
            return reasons
        }
        if let total = alone.total, !coversTotal {
            reasons.append("\(total)（\(name)至本年度累计 \(HoursFormat.string(totalSoFar))，应达 "
                + "\(HoursFormat.string(requiredTotalSoFar))，\(clause)\(missingNote)）")
        }
        if let publicReason = alone.publicHours, !coversPublic {
            reasons.append("\(publicReason)（\(name)至本年度累计 \(HoursFormat.string(publicSoFar))，应达 "
                + "\(HoursFormat.string(requiredPublicSoFar))，\(clause)\(missingNote)）")
        }
        return reasons
    }

    /// The line saying how the cycle judged the year, naming 细则二, e.g.
    /// `聘任周期2016—2018年度第3年（最后一年）：周期累计总学时 216，应达 216；其中公共科目 72，应达 72（细则二：周期内学习时间可以集中使用，也可以分散使用）`.
    public var explanation: String {
        "\(name)第\(position)年\(isLastYear ? "（最后一年）" : "")：周期累计总学时 \(HoursFormat.string(totalSoFar))，"
            + "应达 \(HoursFormat.string(requiredTotalSoFar))；其中公共科目 \(HoursFormat.string(publicSoFar))，"
            + "应达 \(HoursFormat.string(requiredPublicSoFar))（\(Self.clause)：周期内学习时间可以集中使用，也可以分散使用"
            + "\(missingNote)）"
    }
}
