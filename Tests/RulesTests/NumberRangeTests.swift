import Foundation
import Records
@testable import Rules
import Testing

/// The rules never trap and never print "inf", whatever number an activity holds (issue 11).
@Suite("Rules on numbers outside their range")
struct RulesNumberRangeTests {
    @Test("HoursFormat is total over every Double")
    func hoursFormat() {
        #expect(HoursFormat.string(10.25) == "10.25")
        #expect(HoursFormat.string(9.6) == "9.6")
        #expect(HoursFormat.string(-1.5) == "-1.5")
        #expect(HoursFormat.string(0) == "0")
        #expect(HoursFormat.string(1e17) == "1e+17")
        #expect(HoursFormat.string(1e308) == "1e+308")
        #expect(HoursFormat.string(-1e300) == "-1e+300")
        #expect(HoursFormat.string(9.2233720368547758e16) == "9.223372036854776e+16")
        #expect(HoursFormat.string(.infinity) == "inf")
        #expect(HoursFormat.string(.nan) == "nan")
    }

    @Test("each crash case of issue 11, built in code, is refused by its rule, not computed")
    func issueCases() {
        let cases: [(Activity, String)] = [
            (activity(.baseTraining, params: ActivityParams(approvedHours: 1e17)), "params.approved_hours"),
            (activity(.distanceLearning, params: ActivityParams(approvedHours: 1e308)), "params.approved_hours"),
            (activity(.selfTaughtExam, params: ActivityParams(courses: 1 << 53)), "params.courses"),
            (activity(.selfTaughtExam, params: ActivityParams(courses: .max)), "params.courses"),
            (activity(.teaching, params: ActivityParams(taughtHours: 1e308)), "params.taught_hours"),
            (activity(.visitingStudy, params: ActivityParams(months: 1e17)), "params.months"),
            (activity(.instituteTraining, params: ActivityParams(days: .max)), "params.days"),
            (activity(.book, params: ActivityParams(chars: .max)), "params.chars"),
            (activity(.award, params: ActivityParams(level: "national", grade: .max, rank: 1)), "params.grade"),
            (activity(.newTechnology, params: ActivityParams(level: "unit_first", rank: .max)), "params.rank"),
            (activity(.selfStudy, hours: 1e308, assessment: "合格"), "申报学时"),
        ]
        for (activity, named) in cases {
            let result = recognise(activity)
            #expect(result.hours == 0, "\(named)")
            #expect(result.errors.count == 1 && result.errors[0].hasPrefix(named), "\(result.errors)")
            #expect(!result.explanation.contains("inf"), "\(result.explanation)")
        }
    }

    @Test("graduated given as a number is an error, not a trap")
    func graduatedNumber() {
        let study = activity(.degreeStudy, start: "2013-09-01", end: "2016-06-30",
                             params: ActivityParams(other: ["graduated": .number(1e308)]))
        let result = recognise(study)
        #expect(result.errors == ["params.graduated 应为 true 或 false，现为 1e+308，按未毕业认定"])
        #expect(result.hours == 72)
    }

    @Test("a person of the largest sensible values is assessed with finite totals")
    func largestValues() {
        let activities = Array(repeating: activity(.book, params: ActivityParams(chars: 10_000_000)), count: 1_000)
        let assessment = engine.assess(person(.senior, activities), year: 2016)
        #expect(assessment.totalHours == 30_000_000)
        #expect(HoursFormat.string(assessment.totalHours) == "30000000")
    }
}
