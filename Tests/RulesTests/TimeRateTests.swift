import Testing
import Records
@testable import Rules

@Suite("Per day and per month: 四(二) 四(四) 四(五) 四(六)")
struct TimeRateTests {
    @Test("a 3-day national meeting is 36 hours, explained with its clause")
    func nationalMeeting() {
        let r = recognise(activity(.academicMeeting, hours: 36, params: ActivityParams(days: 3, scope: "national")))
        #expect(r.hours == 36)
        #expect(r.clause == "四(五)")
        #expect(r.explanation == "全国性学术会议 3天×12学时 = 36学时（细则四(五)）")
        #expect(r.counted)
        #expect(r.errors.isEmpty && r.warnings.isEmpty)
    }

    @Test("meeting rates per day by scope", arguments: [
        ("international", 16.0), ("national", 12.0), ("provincial", 10.0), ("municipal", 8.0),
    ])
    func meetingScopes(scope: String, perDay: Double) {
        let r = recognise(activity(.academicMeeting, params: ActivityParams(days: 2, scope: scope)))
        #expect(r.hours == 2 * perDay)
    }

    @Test("an unknown scope is an error naming the allowed values, and recognises nothing")
    func unknownScope() {
        let r = recognise(activity(.academicMeeting, params: ActivityParams(days: 3, scope: "galactic")))
        #expect(r.hours == 0)
        #expect(r.errors.count == 1)
        let error = r.errors[0]
        #expect(error.contains("galactic"))
        for allowed in ["international", "national", "provincial", "municipal"] { #expect(error.contains(allowed)) }
    }

    @Test("missing days or scope: an error and 0 hours")
    func missingParams() {
        let noDays = recognise(activity(.academicMeeting, hours: 36, params: ActivityParams(scope: "national")))
        #expect(noDays.hours == 0)
        #expect(noDays.errors.contains { $0.contains("params.days") })
        #expect(noDays.explanation.contains("不认定学时"))
        let noScope = recognise(activity(.academicMeeting, params: ActivityParams(days: 3)))
        #expect(noScope.hours == 0)
        #expect(noScope.errors.first?.contains("params.scope") == true)
        let zeroDays = recognise(activity(.instituteTraining, params: ActivityParams(days: 0)))
        #expect(zeroDays.hours == 0 && zeroDays.errors.count == 1)
    }

    @Test("a fixed-rate claim that differs is an error; the rule's hours stay")
    func claimMismatch() {
        let r = recognise(activity(.academicMeeting, hours: 40, params: ActivityParams(days: 3, scope: "national")))
        #expect(r.hours == 36)
        #expect(r.errors == ["申报学时 40 与认定学时 36 不符"])
    }

    @Test("institute training is 8 a day")
    func instituteTraining() {
        let r = recognise(activity(.instituteTraining, hours: 16, params: ActivityParams(days: 2)))
        #expect(r.hours == 16)
        #expect(r.explanation == "高校、科研院所培训班 2天×8学时 = 16学时（细则四(二)）")
    }

    @Test("a 30-day institute course is capped at two years of the requirement: 144 for 中级 and 高级, 80 for 初级",
          arguments: [(Level.intermediate, 144.0), (.senior, 144.0), (.junior, 80.0)])
    func capped(level: Level, cap: Double) {
        let course = activity(.instituteTraining, start: "2016-03-01", end: "2016-03-30", params: ActivityParams(days: 30))
        let r = recognise(course, level: level)
        #expect(r.hours == cap)
        #expect(r.explanation.contains("30天×8学时 = 240学时"))
        #expect(r.explanation.contains("一次最多认定2年的学时"))
        #expect(r.explanation.contains("按\(HoursFormat.string(cap))学时认定"))
        #expect(r.errors.isEmpty)
    }

    @Test("at exactly twice the requirement nothing is cut")
    func capBoundary() {
        // 18 days × 8 = 144: exactly the cap for 中级, not capped; 10 days × 8 = 80 for 初级 likewise.
        let r = recognise(activity(.instituteTraining, start: "2016-03-01", end: "2016-03-18", params: ActivityParams(days: 18)))
        #expect(r.hours == 144)
        #expect(!r.explanation.contains("最多"))
        let j = recognise(activity(.instituteTraining, start: "2016-03-01", end: "2016-03-11", params: ActivityParams(days: 11)),
                          level: .junior)
        #expect(j.hours == 80)
        #expect(j.explanation.contains("88学时"))
    }

    @Test("advanced seminar is 12 a day, capped")
    func seminar() {
        #expect(recognise(activity(.advancedSeminar, params: ActivityParams(days: 3))).hours == 36)
        let long = activity(.advancedSeminar, start: "2016-01-01", end: "2016-01-20", params: ActivityParams(days: 20))
        #expect(recognise(long, level: .junior).hours == 80)
    }

    @Test("visiting study: 36 a month at home, 72 abroad, part months pro rata, capped")
    func visitingStudy() {
        let home = recognise(activity(.visitingStudy, params: ActivityParams(months: 2)))
        #expect(home.hours == 72)
        #expect(home.explanation == "国内进修 2个月×36学时 = 72学时（细则四(六)）")
        #expect(recognise(activity(.visitingStudy, params: ActivityParams(months: 1, abroad: true))).hours == 72)
        #expect(recognise(activity(.visitingStudy, params: ActivityParams(months: 1.5, abroad: false))).hours == 54)
        #expect(recognise(activity(.visitingStudy, params: ActivityParams(months: 6, abroad: true))).hours == 144)
        let none = recognise(activity(.visitingStudy))
        #expect(none.hours == 0 && none.errors.first?.contains("params.months") == true)
    }

    @Test("more days than the dates hold: an error, counted on the dates")
    func daysBeyondDates() {
        let r = recognise(activity(.academicMeeting, start: "2016-10-12", end: "2016-10-14",
                                   params: ActivityParams(days: 5, scope: "national")))
        #expect(r.hours == 36)
        #expect(r.errors.count == 1)
    }
}
