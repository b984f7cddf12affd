import Testing
import Records
@testable import Rules

/// Years of one 高级 person, as the cases give them.
private enum Years {
    static let id = "320302198001011239"

    /// A 20-day 专业高级研修班 ending in `year`: 20×12 = 240 hours, capped at 144 (四(四)).
    static func seminar(_ year: Int) -> Activity {
        activity(.advancedSeminar, content: "心血管介入高级研修班", start: "\(year)-05-01", end: "\(year)-05-20",
                 params: ActivityParams(days: 20))
    }

    /// A passed public course of 24 hours in `year`.
    static func publicCourse(_ year: Int, hours: Double = 24) -> Activity {
        activity(.distanceLearning, subject: .public, content: "专业技术人员职业道德", start: "\(year)-03-01",
                 end: "\(year)-03-31", hours: hours, assessment: "合格", params: ActivityParams(approvedHours: hours))
    }

    /// A master's degree record ending (graduating) in `year`.
    static func degree(_ year: Int, content: String = "临床医学硕士") -> Activity {
        activity(.degreeStudy, content: content, start: "\(year - 1)-09-01", end: "\(year)-06-30",
                 params: ActivityParams(other: ["graduated": .bool(true)]))
    }

    static func person(_ activities: [Activity]) -> Person {
        Person(idNumber: id, name: "测试", level: .senior, activities: activities)
    }

    /// Assesses `year` with `ledger` and records the result in it; returns the assessment and the changes.
    @discardableResult
    static func stamp(_ year: Int, _ activities: [Activity], in ledger: inout Ledger) -> (PersonAssessment, [LedgerChange]) {
        let assessment = RulesEngine(ledger: ledger).assess(person(activities), year: year)
        let changes = ledger.record(LedgerYear(idNumber: id, assessment))
        return (assessment, changes)
    }
}

@Suite("The ledger across years: 四(二)(四)(五)(六) carry-over, 四(三) diplomas")
struct LedgerTests {
    @Test("without a ledger a year is judged alone, exactly as before: the seminar's 144 hours all count in its year")
    func withoutLedger() {
        let assessment = engine.assess(Years.person([Years.seminar(2016), Years.publicCourse(2016)]), year: 2016)
        #expect(assessment.totalHours == 168)
        #expect(!assessment.historyConsidered)
        #expect(assessment.credits.isEmpty && assessment.carried.isEmpty)
        #expect(assessment.activities[0].explanation == "专业高级研修班 20天×12学时 = 240学时，一次最多认定2年的学时（2×72），按144学时认定（细则四(四)）")
    }

    @Test("a 20-day seminar in year 1: 72 count in year 1, 72 are carried to year 2, year 3 starts from zero")
    func seminarCarriedOnce() {
        var ledger = Ledger()
        let (year1, _) = Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &ledger)
        #expect(year1.historyConsidered)
        #expect(year1.activities[0].hours == 144)
        #expect(year1.activities[0].countedHours == 72)
        #expect(year1.activities[0].explanation.hasSuffix("；其中72学时计入2016年度，72学时结转2017年度（细则四(四)，一次最多认定两年的学时）"))
        #expect(year1.totalHours == 96)
        #expect(year1.verdict == .pass)
        #expect(year1.carried.map(\.targetYear) == [2017])
        #expect(year1.carried.map(\.hours) == [72])

        let (year2, _) = Years.stamp(2017, [], in: &ledger)
        #expect(year2.credits.count == 1)
        let credit = year2.credits[0]
        #expect(credit.sourceYear == 2016 && credit.reason == .carryOver && credit.subject == .professional)
        #expect(credit.explanation(clausePrefix: "细则") == "上年度结转：2016年度《心血管介入高级研修班》72学时（细则四(四)，一次最多认定两年的学时）")
        #expect(year2.professionalHours == 72 && year2.ownProfessionalHours == 0)
        #expect(year2.totalHours == 72)
        // The carried hours are professional: the year still lacks its 24 public hours.
        #expect(year2.verdict == .fail(reasons: ["公共科目学时 0，应达 24（2016年通知一）"]))

        let (year3, _) = Years.stamp(2018, [], in: &ledger)
        #expect(year3.credits.isEmpty)
        #expect(year3.verdict == .fail(reasons: ["总学时 0，应达 72（细则二）", "公共科目学时 0，应达 24（2016年通知一）"]))
    }

    @Test("year 2 with its own public course passes on the carried hours")
    func carriedHoursPass() {
        var ledger = Ledger()
        Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &ledger)
        let (year2, _) = Years.stamp(2017, [Years.publicCourse(2017)], in: &ledger)
        #expect(year2.totalHours == 96)
        #expect(year2.verdict == .pass)
    }

    @Test("a degree finished in year 1 counts 72 in years 1, 2 and 3 from the ledger, and not in year 4")
    func diplomaThreeYears() {
        var ledger = Ledger()
        let (year1, _) = Years.stamp(2016, [Years.degree(2016), Years.publicCourse(2016)], in: &ledger)
        #expect(year1.totalHours == 96)
        #expect(year1.carried.map(\.targetYear) == [2017, 2018])
        for year in [2017, 2018] {
            let (later, _) = Years.stamp(year, [Years.publicCourse(year)], in: &ledger)
            #expect(later.credits.map(\.reason) == [.diploma])
            #expect(later.credits.first?.explanation(clausePrefix: "细则") == "学历教育：2016年毕业《临床医学硕士》72学时（细则四(三)，从毕业当年起认定三年内有效）")
            #expect(later.totalHours == 96)
            #expect(later.verdict == .pass)
        }
        let (year4, _) = Years.stamp(2019, [Years.publicCourse(2019)], in: &ledger)
        #expect(year4.credits.isEmpty)
        #expect(year4.totalHours == 24)
    }

    @Test("a degree record repeated in a later year is not counted beside the ledger's credit")
    func repeatedDiplomaOnce() {
        var ledger = Ledger()
        Years.stamp(2016, [Years.degree(2016)], in: &ledger)
        let (year2, _) = Years.stamp(2017, [Years.degree(2016, content: "硕士研究生（临床医学）"), Years.publicCourse(2017)], in: &ledger)
        #expect(year2.totalHours == 96)
        #expect(!year2.activities[0].counted)
        #expect(year2.activities[0].explanation.hasSuffix("；2016年毕业证书的学时已计入2017年度，不重复计算（细则四(三)）"))
    }

    @Test("two records of one diploma in one year count once")
    func twoRecordsOneDiploma() {
        let assessment = RulesEngine(ledger: Ledger())
            .assess(Years.person([Years.degree(2016), Years.degree(2016, content: "另一写法"), Years.publicCourse(2017)]), year: 2017)
        #expect(assessment.totalHours == 96)
        #expect(assessment.activities.map(\.counted) == [true, false, true])
    }

    @Test("years stamped out of order: year 2 first, then year 1 changes year 2's result; the same credits either way")
    func outOfOrder() {
        var forward = Ledger()
        Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &forward)
        Years.stamp(2017, [Years.publicCourse(2017)], in: &forward)

        var backward = Ledger()
        let (year2, none) = Years.stamp(2017, [Years.publicCourse(2017)], in: &backward)
        #expect(none.isEmpty)
        #expect(year2.verdict == .fail(reasons: ["总学时 24，应达 72（细则二）"]))
        let (_, changes) = Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &backward)
        #expect(changes.map(\.year) == [2017])
        #expect(changes.first?.summary == "2017年度：总学时 24 → 96，不合格 → 合格")
        #expect(backward == forward)

        // Stamping year 1 again changes nothing further, and year 2 again gives the entry the ledger holds.
        let (_, again) = Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &backward)
        #expect(again.isEmpty)
        Years.stamp(2017, [Years.publicCourse(2017)], in: &backward)
        #expect(backward == forward)
    }

    @Test("a repeated diploma counted by its own record is not doubled when the graduation year is stamped later")
    func repeatedThenGraduationYear() {
        var ledger = Ledger()
        let (year2, _) = Years.stamp(2017, [Years.degree(2016), Years.publicCourse(2017)], in: &ledger)
        #expect(year2.totalHours == 96)
        let (_, changes) = Years.stamp(2016, [Years.degree(2016), Years.publicCourse(2016)], in: &ledger)
        #expect(changes.isEmpty)
        let entry = ledger.entry(idNumber: Years.id, year: 2017)
        #expect(entry?.totalHours == 96)
        #expect(entry?.received.count == 1)
    }

    @Test("restamping year 1 without the seminar takes the credit back from year 2")
    func restampTakesCreditBack() {
        var ledger = Ledger()
        Years.stamp(2016, [Years.seminar(2016), Years.publicCourse(2016)], in: &ledger)
        Years.stamp(2017, [Years.publicCourse(2017)], in: &ledger)
        let (_, changes) = Years.stamp(2016, [Years.publicCourse(2016)], in: &ledger)
        #expect(changes.map(\.summary) == ["2017年度：总学时 96 → 24，合格 → 不合格"])
        #expect(ledger.entry(idNumber: Years.id, year: 2017)?.reasons == ["总学时 24，应达 72（细则二）"])
    }
}
