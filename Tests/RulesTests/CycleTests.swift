import Testing
import Records
@testable import Rules

/// One 高级 person's years in a 聘任周期 (细则二), assessed and recorded in a ledger as a stamp does.
private enum Cycle {
    static let id = "320302198001011239"
    static let cycle = AppointmentCycle(firstYear: 2016, years: 3)

    /// `publicHours` of a passed public course and `professional` hours of a base-training course in `year`.
    static func activities(_ year: Int, publicHours: Double, professional: Double) -> [Activity] {
        var activities: [Activity] = []
        if publicHours > 0 {
            activities.append(activity(.distanceLearning, subject: .public, content: "公需科目", start: "\(year)-03-01",
                                       end: "\(year)-03-31", assessment: "合格",
                                       params: ActivityParams(approvedHours: publicHours)))
        }
        if professional > 0 {
            activities.append(activity(.baseTraining, content: "专业培训班", start: "\(year)-06-01", end: "\(year)-06-30",
                                       params: ActivityParams(approvedHours: professional)))
        }
        return activities
    }

    static func person(_ activities: [Activity], cycle: AppointmentCycle? = Cycle.cycle) -> Person {
        Person(idNumber: id, name: "测试", level: .senior, activities: activities, appointmentCycle: cycle)
    }

    /// Assesses `year` with `ledger` and records it there; returns the assessment and the later years changed.
    @discardableResult
    static func stamp(_ year: Int, _ activities: [Activity], cycle: AppointmentCycle? = Cycle.cycle,
                      in ledger: inout Ledger) -> (PersonAssessment, [LedgerChange]) {
        let assessment = RulesEngine(ledger: ledger).assess(person(activities, cycle: cycle), year: year)
        return (assessment, ledger.record(LedgerYear(idNumber: id, assessment)))
    }

    /// The cycle: 0 hours in 2016, 200 in 2017 (56 public), 16 public in 2018.
    static let years: [Int: [Activity]] = [
        2016: [],
        2017: activities(2017, publicHours: 56, professional: 144),
        2018: activities(2018, publicHours: 16, professional: 0),
    ]
}

@Suite("聘任周期 (细则二): a year judged over its cycle's years so far")
struct CycleTests {
    @Test("0 / 200 / 16: year 1 fails, year 2 passes on its own, year 3 is short alone but the whole cycle has its 216")
    func zeroTwoHundredSixteen() {
        var ledger = Ledger()
        let (year1, _) = Cycle.stamp(2016, Cycle.years[2016]!, in: &ledger)
        #expect(year1.verdict == .fail(reasons: [
            "总学时 0，应达 72（聘任周期2016—2018年度至本年度累计 0，应达 72，细则二）",
            "公共科目学时 0，应达 24（聘任周期2016—2018年度至本年度累计 0，应达 24，细则二）",
        ]))
        let (year2, _) = Cycle.stamp(2017, Cycle.years[2017]!, in: &ledger)
        #expect(year2.verdict == .pass)
        #expect(year2.cycle?.totalSoFar == 200)
        // It met the yearly requirement on its own: the cycle did not decide it, and the forms say nothing of it.
        #expect(year2.cycleLine == nil)
        #expect(year2.opinionText == "继续教育审验合格")

        let (year3, _) = Cycle.stamp(2018, Cycle.years[2018]!, in: &ledger)
        #expect(year3.totalHours == 16)
        #expect(year3.verdict == .pass)
        #expect(year3.cycleLine == "聘任周期2016—2018年度第3年（最后一年）：周期累计总学时 216，应达 216；其中公共科目 72，应达 72"
            + "（细则二：周期内学习时间可以集中使用，也可以分散使用）")
        #expect(year3.opinionText == "继续教育审验合格（按聘任周期2016—2018年度累计学时，细则二）")
        // Judged alone the same year fails: the cycle is what passes it.
        #expect(engine.assess(Cycle.person(Cycle.years[2018]!), year: 2018).verdict
            == .fail(reasons: ["总学时 16，应达 72（细则二）", "公共科目学时 16，应达 24（2016年通知一）"]))
        #expect(ledger.entry(idNumber: Cycle.id, year: 2018)?.pass == true)
    }

    @Test("the last year must show the whole cycle's requirement, even when it meets the yearly one alone")
    func lastYearWholeCycle() {
        var ledger = Ledger()
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 24, professional: 76), in: &ledger)
        let (year2, _) = Cycle.stamp(2017, [], in: &ledger)
        #expect(year2.verdict == .fail(reasons: [
            "总学时 0，应达 72（聘任周期2016—2018年度至本年度累计 100，应达 144，细则二）",
            "公共科目学时 0，应达 24（聘任周期2016—2018年度至本年度累计 24，应达 48，细则二）",
        ]))
        let (year3, _) = Cycle.stamp(2018, Cycle.activities(2018, publicHours: 24, professional: 48), in: &ledger)
        #expect(year3.totalHours == 72)
        #expect(year3.verdict == .fail(reasons: [
            "聘任周期2016—2018年度累计总学时 172，周期最后一年应达 216（细则二）",
            "聘任周期2016—2018年度累计公共科目学时 48，周期最后一年应达 72（细则二）",
        ]))
        #expect(year3.opinionText == "继续教育审验不合格：聘任周期2016—2018年度累计总学时 172，周期最后一年应达 216（细则二）；"
            + "聘任周期2016—2018年度累计公共科目学时 48，周期最后一年应达 72（细则二）")
    }

    @Test("public hours may be concentrated too: 72 public hours in year 1 cover year 2's 24")
    func publicConcentrated() {
        var ledger = Ledger()
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 72, professional: 144), in: &ledger)
        let (year2, _) = Cycle.stamp(2017, [], in: &ledger)
        #expect(year2.verdict == .pass)
        #expect(year2.cycleLine == "聘任周期2016—2018年度第2年：周期累计总学时 216，应达 144；其中公共科目 72，应达 48"
            + "（细则二：周期内学习时间可以集中使用，也可以分散使用）")
    }

    @Test("a public course of the year not assessed 合格 fails the year whatever the cycle holds")
    func publicAssessmentStillPerYear() {
        var ledger = Ledger()
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 72, professional: 144), in: &ledger)
        let failed = activity(.distanceLearning, subject: .public, content: "公需科目", start: "2017-03-01", end: "2017-03-31",
                              assessment: "不合格", params: ActivityParams(approvedHours: 24))
        let (year2, _) = Cycle.stamp(2017, [failed], in: &ledger)
        #expect(year2.verdict == .fail(reasons: ["公共科目《公需科目》考核未合格（2016年通知）"]))
        // Judged again when year 1 is stamped anew, the reason that is not about hours stays.
        let (_, changes) = Cycle.stamp(2016, Cycle.activities(2016, publicHours: 72, professional: 150), in: &ledger)
        #expect(changes.isEmpty)
        #expect(ledger.entry(idNumber: Cycle.id, year: 2017)?.reasons == ["公共科目《公需科目》考核未合格（2016年通知）"])
    }

    @Test("a carried part counts once over the cycle: the seminar's 144 are 72 in its year and 72 in the next")
    func carryOverCountedOnce() {
        let twoYears = AppointmentCycle(firstYear: 2016, years: 2)
        var ledger = Ledger()
        let seminar = activity(.advancedSeminar, content: "心血管介入高级研修班", start: "2016-05-01", end: "2016-05-20",
                               params: ActivityParams(days: 20))
        let (year1, _) = Cycle.stamp(2016, [seminar] + Cycle.activities(2016, publicHours: 48, professional: 0),
                                     cycle: twoYears, in: &ledger)
        #expect(year1.totalHours == 120)
        #expect(year1.carried.map(\.hours) == [72])
        let (year2, _) = Cycle.stamp(2017, [], cycle: twoYears, in: &ledger)
        #expect(year2.totalHours == 72)
        // 48 public + 144 of the seminar, each hour once: not 48 + 144 + 72.
        #expect(year2.cycle?.totalSoFar == 192)
        #expect(year2.verdict == .pass)
    }

    @Test("the unit's cycle and a person's own in its place: the same years pass in one and fail in the other")
    func personCycleOverridesUnit() {
        let own = AppointmentCycle(firstYear: 2017, years: 3)
        var unitLedger = Ledger(), ownLedger = Ledger()
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 48, professional: 152), in: &unitLedger)
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 48, professional: 152), cycle: own, in: &ownLedger)
        let (inUnitCycle, _) = Cycle.stamp(2017, [], in: &unitLedger)
        let (inOwnCycle, _) = Cycle.stamp(2017, [], cycle: own, in: &ownLedger)
        #expect(inUnitCycle.verdict == .pass)
        // 2017 is the first year of the person's own cycle: 2016's hours are outside it.
        #expect(inOwnCycle.cycle?.totalSoFar == 0)
        #expect(inOwnCycle.verdict == .fail(reasons: [
            "总学时 0，应达 72（聘任周期2017—2019年度至本年度累计 0，应达 72，细则二）",
            "公共科目学时 0，应达 24（聘任周期2017—2019年度至本年度累计 0，应达 24，细则二）",
        ]))
    }

    @Test("a year outside any cycle is judged alone, however much the cycle before it holds")
    func outsideCycle() {
        var ledger = Ledger()
        Cycle.stamp(2016, Cycle.activities(2016, publicHours: 72, professional: 300), in: &ledger)
        let (after, _) = Cycle.stamp(2019, [], in: &ledger)
        #expect(after.cycle == nil)
        #expect(after.cycleLine == nil)
        #expect(after.verdict == .fail(reasons: ["总学时 0，应达 72（细则二）", "公共科目学时 0，应达 24（2016年通知一）"]))
    }

    @Test("without a ledger the cycle cannot be read: the year is judged alone")
    func withoutLedger() {
        let assessment = engine.assess(Cycle.person(Cycle.years[2018]!), year: 2018)
        #expect(assessment.cycle == nil)
        #expect(assessment.verdict == .fail(reasons: ["总学时 16，应达 72（细则二）", "公共科目学时 16，应达 24（2016年通知一）"]))
    }

    @Test("a year of the cycle the ledger lacks counts 0 and the reason says so; stamping it changes the later year")
    func missingYear() {
        var ledger = Ledger()
        let (year2, _) = Cycle.stamp(2017, Cycle.activities(2017, publicHours: 0, professional: 60), in: &ledger)
        #expect(year2.verdict == .fail(reasons: [
            "总学时 60，应达 72（聘任周期2016—2018年度至本年度累计 60，应达 144，细则二；2016年度不在学时台账中，按0学时计）",
            "公共科目学时 0，应达 24（聘任周期2016—2018年度至本年度累计 0，应达 48，细则二；2016年度不在学时台账中，按0学时计）",
        ]))
        let (_, changes) = Cycle.stamp(2016, Cycle.activities(2016, publicHours: 48, professional: 84), in: &ledger)
        #expect(changes.map(\.summary) == ["2017年度：总学时 60 → 60，不合格 → 合格"])
        #expect(ledger.entry(idNumber: Cycle.id, year: 2017)?.reasons == [])
    }

    @Test("the years stamped in any order end with the same verdicts and reasons", arguments: [
        [2016, 2017, 2018], [2018, 2017, 2016], [2017, 2018, 2016], [2018, 2016, 2017],
    ])
    func anyOrder(order: [Int]) {
        var inOrder = Ledger()
        for year in [2016, 2017, 2018] { Cycle.stamp(year, Cycle.years[year]!, in: &inOrder) }
        var ledger = Ledger()
        for year in order { Cycle.stamp(year, Cycle.years[year]!, in: &ledger) }
        let verdicts = { (ledger: Ledger) in ledger.entries.map { [String($0.year), $0.verdict.word] + $0.reasons } }
        #expect(verdicts(ledger) == verdicts(inOrder))
        #expect(verdicts(ledger).map { $0[1] } == ["不合格", "合格", "合格"])
    }
}
