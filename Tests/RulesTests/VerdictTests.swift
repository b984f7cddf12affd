import Testing
import Records
@testable import Rules

@Suite("Public-subject assessments")
struct PublicAssessmentTests {
    @Test("passing results", arguments: ["合格", "优秀", "良好", "中等", "及格", "通过", "85分", "60分", "60", " 合格 ", "８５分", "72.5分"])
    func passing(result: String) {
        #expect(Policy.xuzhou2007.assessment.isPass(result))
        let a = engine.assess(person(.junior, [publicCourse(24, assessment: result), professionalCourse(16)]), year: 2016)
        #expect(a.verdict == .pass)
    }

    @Test("failing or unreadable results", arguments: ["不合格", "59分", "59.5", "不及格", "未通过", "缺考", "A", "合格分"])
    func failing(result: String) {
        #expect(!Policy.xuzhou2007.assessment.isPass(result))
    }

    @Test("a public course not passed gives no hours and fails the audit, naming the course")
    func invalidAssessment() {
        let a = engine.assess(person(.junior, [
            publicCourse(24, content: "专业技术人员创新能力建设", assessment: "合格"),
            publicCourse(24, content: "专业技术人员职业道德", assessment: "不合格"),
            professionalCourse(16),
        ]), year: 2016)
        #expect(a.activities[1].hours == 0)
        #expect(a.activities[1].explanation.hasSuffix("；公共科目考核未合格（考核结果：不合格），不认定学时"))
        #expect(a.publicHours == 24)
        #expect(a.verdict == .fail(reasons: ["公共科目《专业技术人员职业道德》考核未合格（2016年通知）"]))
    }

    @Test("an absent assessment on a public course: not counted, and the reason is given")
    func absentAssessment() {
        let a = engine.assess(person(.junior, [publicCourse(24, assessment: nil), professionalCourse(40)]), year: 2016)
        #expect(a.publicHours == 0)
        #expect(a.verdict == .fail(reasons: ["公共科目学时 0，应达 24（2016年通知一）", "公共科目《专业技术人员职业道德》无考核结果（2016年通知）"]))
    }

    @Test("professional activities need no assessment; a public course of another year does not fail this one")
    func scope() {
        let old = activity(.distanceLearning, subject: .public, content: "旧课程", start: "2015-03-01", end: "2015-03-02",
                           assessment: "不合格", params: ActivityParams(approvedHours: 24))
        let a = engine.assess(person(.junior, [publicCourse(24), professionalCourse(16), old]), year: 2016)
        #expect(a.verdict == .pass)
    }
}

@Suite("The verdict")
struct VerdictTests {
    @Test("each level passes at exactly its requirement and fails one hour below", arguments: [
        (Level.senior, 72.0), (.intermediate, 72.0), (.junior, 40.0),
    ])
    func requirement(level: Level, required: Double) {
        let exact = engine.assess(person(level, [publicCourse(24), professionalCourse(required - 24)]), year: 2016)
        #expect(exact.verdict == .pass)
        #expect(exact.totalHours == required && exact.requiredTotal == required)
        #expect(exact.verdict.opinionText == "继续教育审验合格")
        let below = engine.assess(person(level, [publicCourse(24), professionalCourse(required - 25)]), year: 2016)
        let reason = "总学时 \(HoursFormat.string(required - 1))，应达 \(HoursFormat.string(required))（细则二）"
        #expect(below.verdict == .fail(reasons: [reason]))
        #expect(below.verdict.opinionText == "继续教育审验不合格：\(reason)")
    }

    @Test("public subject: 24 passes, 23 fails even with the total met")
    func publicMinimum() {
        let exact = engine.assess(person(.intermediate, [publicCourse(24), professionalCourse(48)]), year: 2016)
        #expect(exact.verdict == .pass)
        #expect(exact.publicHours == 24 && exact.professionalHours == 48 && exact.requiredPublic == 24)
        let below = engine.assess(person(.intermediate, [publicCourse(23), professionalCourse(49)]), year: 2016)
        #expect(below.totalHours == 72)
        #expect(below.verdict == .fail(reasons: ["公共科目学时 23，应达 24（2016年通知一）"]))
    }

    @Test("every reason is given, joined with ；")
    func allReasons() {
        let a = engine.assess(person(.intermediate, [publicCourse(12), professionalCourse(44)]), year: 2016)
        #expect(a.verdict.reasons == ["总学时 56，应达 72（细则二）", "公共科目学时 12，应达 24（2016年通知一）"])
        #expect(a.verdict.headline == "继续教育审验不合格")
        #expect(a.verdict.reasonsText == "总学时 56，应达 72（细则二）；公共科目学时 12，应达 24（2016年通知一）")
        #expect(a.verdict.opinionText == "继续教育审验不合格：总学时 56，应达 72（细则二）；公共科目学时 12，应达 24（2016年通知一）")
        #expect(!a.verdict.isPass)
    }

    @Test("fractional hours add up exactly against the requirement")
    func fractions() {
        // 9.6 + 14.4 is 24.000000000000004 in plain Double arithmetic; hours are kept to hundredths.
        let caseReport = activity(.paper, subject: .public, assessment: "合格",
                                  params: ActivityParams(level: "issn_cn", variant: "case_report"))
        let a = engine.assess(person(.junior, [caseReport, publicCourse(14.4), professionalCourse(16)]), year: 2016)
        #expect(a.activities[0].hours == 9.6)
        #expect(a.publicHours == 24)
        #expect(a.totalHours == 40)
        #expect(a.verdict == .pass)
        let short = engine.assess(person(.junior, [caseReport, publicCourse(14.3), professionalCourse(16)]), year: 2016)
        #expect(short.verdict == .fail(reasons: ["总学时 39.9，应达 40（细则二）", "公共科目学时 23.9，应达 24（2016年通知一）"]))
    }

    let audit = CalendarDate(year: 2017, month: 2, day: 10)!

    @Test("an override turns a pass into a fail, with the agency's remarks as the reason")
    func overridePass() {
        let remarks = "证明材料经核查不实"
        let a = engine.assess(person(.junior, [publicCourse(24), professionalCourse(16)],
                                     audit: Audit(agency: "徐州市职业技术培训中心", date: audit, overrideFail: true, remarks: remarks)),
                              year: 2016)
        #expect(a.verdict == .fail(reasons: [remarks]))
        #expect(a.verdict.opinionText == "继续教育审验不合格：证明材料经核查不实")
        let noRemarks = engine.assess(person(.junior, [publicCourse(24), professionalCourse(16)],
                                             audit: Audit(agency: "铜山区职称办", date: audit, overrideFail: true)), year: 2016)
        #expect(noRemarks.verdict == .fail(reasons: ["铜山区职称办审定不合格"]))
        let notOverridden = engine.assess(person(.junior, [publicCourse(24), professionalCourse(16)],
                                                 audit: Audit(agency: "铜山区职称办", date: audit, remarks: "材料齐全")), year: 2016)
        #expect(notOverridden.verdict == .pass)
    }

    @Test("nothing turns a fail into a pass; an override adds its reason to a fail")
    func overrideFail() {
        let a = engine.assess(person(.junior, [publicCourse(24)],
                                     audit: Audit(agency: "徐州市职业技术培训中心", date: audit, overrideFail: true, remarks: "材料不全")),
                              year: 2016)
        #expect(a.verdict == .fail(reasons: ["总学时 24，应达 40（细则二）", "材料不全"]))
        // An audit without override on a failing record leaves it failing.
        let b = engine.assess(person(.junior, [publicCourse(24)], audit: Audit(agency: "x", date: audit, remarks: "合格")), year: 2016)
        #expect(!b.verdict.isPass)
        #expect(AuditVerdict.fail(reasons: ["总学时 24，应达 40（细则二）"]).overridden(by: nil) == .fail(reasons: ["总学时 24，应达 40（细则二）"]))
    }

    @Test("activity errors are listed with their path and do not hide the verdict")
    func errorsPrefixed() {
        let meeting = activity(.academicMeeting, hours: 40, params: ActivityParams(days: 3, scope: "national"))
        let a = engine.assess(person(.junior, [publicCourse(24), meeting]), year: 2016)
        #expect(a.errors == ["activities[1]: 申报学时 40 与认定学时 36 不符"])
        #expect(a.hasErrors)
        #expect(a.totalHours == 60)
        #expect(a.verdict == .pass)
    }

    @Test("no activities at all")
    func empty() {
        let a = engine.assess(person(.senior, []), year: 2016)
        #expect(a.verdict == .fail(reasons: ["总学时 0，应达 72（细则二）", "公共科目学时 0，应达 24（2016年通知一）"]))
        #expect(a.activities.isEmpty && !a.hasErrors)
    }
}

/// The verdict's words, which every document, report and message takes from `AuditVerdict`.
@Suite("the verdict in words")
struct VerdictWordTests {
    @Test func wordHeadlineAndOpinion() {
        let fail = AuditVerdict.fail(reasons: ["总学时 56，应达 72（细则二）", "公共科目学时 12，应达 24（2016年通知一）"])
        #expect(AuditVerdict.pass.word == "合格" && fail.word == "不合格")
        #expect(AuditVerdict.pass.headline == "继续教育审验合格" && fail.headline == "继续教育审验不合格")
        #expect(fail.opinionText == "继续教育审验不合格：总学时 56，应达 72（细则二）；公共科目学时 12，应达 24（2016年通知一）")
        #expect(AuditVerdict.pass.opinionText == "继续教育审验合格")
    }

    @Test func rosterTally() {
        #expect(AuditVerdict.tally(passed: 12, failed: 3) == "12人合格，3人不合格")
    }
}
