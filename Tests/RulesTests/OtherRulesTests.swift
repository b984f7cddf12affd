import Testing
import Records
@testable import Rules

@Suite("Approved hours: 四(一) 基地培训班, 四(十四) 远程培训")
struct ApprovedHoursTests {
    @Test("the approved hours are recognised; a differing claim is an error")
    func approved() {
        let r = recognise(activity(.baseTraining, hours: 24, params: ActivityParams(approvedHours: 24)))
        #expect(r.hours == 24 && r.errors.isEmpty)
        #expect(r.explanation == "继续教育基地培训班 按批准学时 = 24学时（细则四(一)）")
        let d = recognise(activity(.distanceLearning, hours: 30, params: ActivityParams(approvedHours: 24)))
        #expect(d.hours == 24)
        #expect(d.errors == ["申报学时 30 与认定学时 24 不符"])
        #expect(d.clause == "四(十四)")
    }

    @Test("without approved hours the claim is used with a warning; without either, an error")
    func missing() {
        let r = recognise(activity(.distanceLearning, hours: 12))
        #expect(r.hours == 12 && r.errors.isEmpty && r.warnings.count == 1)
        #expect(r.explanation.contains("暂按申报学时"))
        let none = recognise(activity(.baseTraining))
        #expect(none.hours == 0 && none.errors.first?.contains("params.approved_hours") == true)
    }
}

@Suite("Degree study: 四(三)")
struct DegreeStudyTests {
    func degree(end: String, graduated: Bool? = nil, year: Int, claim: Double? = nil) -> RecognisedHours {
        var params = ActivityParams()
        if let graduated { params.other["graduated"] = .bool(graduated) }
        return recognise(activity(.degreeStudy, start: "2015-09-01", end: end, hours: claim, params: params), year: year)
    }

    @Test("72 for the year of study")
    func studyYear() {
        let r = degree(end: "2016-07-10", year: 2016)
        #expect(r.hours == 72 && r.counted && r.errors.isEmpty)
        #expect(r.explanation == "学历教育、攻读学位 2016年度学习 = 72学时（细则四(三)）")
        #expect(degree(end: "2016-07-10", year: 2016, claim: 40).errors.count == 1)
    }

    @Test("a year of study without graduation counts only in its own year")
    func notGraduated() {
        let r = degree(end: "2015-07-10", year: 2016)
        #expect(r.hours == 72 && !r.counted)
        #expect(r.explanation.contains("不计入2016年度"))
    }

    @Test("after graduation the diploma counts in the graduation year and the next two", arguments: [
        (2014, false), (2015, true), (2016, true), (2017, true), (2018, false),
    ])
    func diploma(year: Int, counted: Bool) {
        let r = degree(end: "2015-06-30", graduated: true, year: year)
        #expect(r.counted == counted)
        #expect(r.hours == 72)
        if year == 2016 { #expect(r.explanation.contains("2015–2017年度")) }
        if year == 2018 { #expect(r.warnings.contains { $0.contains("不计入2018年度") }) }
    }

    @Test("graduated must be a boolean")
    func badGraduated() {
        var params = ActivityParams()
        params.other["graduated"] = .string("是")
        let r = recognise(activity(.degreeStudy, start: "2014-09-01", end: "2015-06-30", params: params), year: 2016)
        #expect(r.errors.count == 1 && !r.counted)
    }
}

@Suite("Per course, teaching, self-study: 四(七) 四(十一) 四(十二) 四(十三)")
struct PerCourseTests {
    @Test("self-taught exam 36 per course passed, qualification exam 24 per subject")
    func courses() {
        let s = recognise(activity(.selfTaughtExam, params: ActivityParams(courses: 2)))
        #expect(s.hours == 72)
        #expect(s.explanation == "高等教育自学考试 通过2门×36学时 = 72学时（细则四(七)）")
        #expect(recognise(activity(.qualificationExam, params: ActivityParams(courses: 3))).hours == 72)
        #expect(recognise(activity(.qualificationExam, params: ActivityParams(courses: 0))).hours == 0)
        #expect(recognise(activity(.qualificationExam)).errors.first?.contains("params.courses") == true)
    }

    @Test("teaching: twice the hours taught")
    func teaching() {
        let r = recognise(activity(.teaching, hours: 20, params: ActivityParams(taughtHours: 10)))
        #expect(r.hours == 20 && r.errors.isEmpty)
        #expect(r.explanation == "授课 10学时×2 = 20学时（细则四(十二)）")
        #expect(recognise(activity(.teaching, params: ActivityParams(taughtHours: 2.5))).hours == 5)
        #expect(recognise(activity(.teaching)).errors.count == 1)
    }

    @Test("self-study: 48–72 once assessed as passed")
    func selfStudy() {
        let none = recognise(activity(.selfStudy, assessment: "合格"))
        #expect(none.hours == 48)
        #expect(none.explanation.contains("未申报学时，按下限"))
        #expect(recognise(activity(.selfStudy, hours: 72, assessment: "优秀")).hours == 72)
        let over = recognise(activity(.selfStudy, hours: 80, assessment: "合格"))
        #expect(over.hours == 48 && over.errors.count == 1)
        let unassessed = recognise(activity(.selfStudy, hours: 60))
        #expect(unassessed.hours == 0 && unassessed.errors.isEmpty && unassessed.warnings.count == 1)
        #expect(recognise(activity(.selfStudy, hours: 60, assessment: "不合格")).hours == 0)
    }
}

@Suite("The year of the end date")
struct YearTests {
    @Test("an activity ending in another year is reported and not counted", arguments: ["2015-12-31", "2017-01-02"])
    func otherYear(end: String) {
        let meeting = activity(.academicMeeting, start: "2015-12-30", end: end, params: ActivityParams(days: 2, scope: "national"))
        let r = recognise(meeting)
        #expect(r.hours == 24)
        #expect(!r.counted)
        #expect(r.countedHours == 0)
        #expect(r.explanation.hasSuffix("；结束于\(end.prefix(4))年，不计入2016年度"))
        let a = engine.assess(person(.junior, [publicCourse(24), meeting]), year: 2016)
        #expect(a.totalHours == 24)
        #expect(a.warnings.contains { $0.hasPrefix("activities[1]: ") && $0.contains("不计入2016年度") })
    }

    @Test("an activity starting the year before and ending in the audit year counts whole")
    func straddling() {
        let meeting = activity(.academicMeeting, start: "2015-12-31", end: "2016-01-01", params: ActivityParams(days: 2, scope: "national"))
        #expect(recognise(meeting).counted)
        #expect(recognise(meeting).countedHours == 24)
    }
}
