import Records
@testable import Rules

// Builders for records in code (tests never read files).

func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

func activity(_ kind: ActivityKind, subject: Subject = .professional, content: String = "测试活动",
              start: String = "2016-06-01", end: String = "2016-06-03", hours: Double? = nil,
              assessment: String? = nil, params: ActivityParams = ActivityParams()) -> Activity {
    Activity(subject: subject, kind: kind, content: content, start: day(start), end: day(end), hours: hours,
             assessment: assessment, params: params)
}

/// A public-subject course of `hours` approved hours, passed.
func publicCourse(_ hours: Double, content: String = "专业技术人员职业道德", assessment: String? = "合格") -> Activity {
    activity(.distanceLearning, subject: .public, content: content, start: "2016-03-01", end: "2016-03-31",
             hours: hours, assessment: assessment, params: ActivityParams(approvedHours: hours))
}

/// A professional base-training course of `hours` approved hours.
func professionalCourse(_ hours: Double, content: String = "专业培训班") -> Activity {
    activity(.baseTraining, content: content, hours: hours, params: ActivityParams(approvedHours: hours))
}

func person(_ level: Level, _ activities: [Activity], audit: Audit? = nil, name: String = "测试") -> Person {
    Person(idNumber: "320302198001011239", name: name, level: level, activities: activities, audit: audit)
}

let engine = RulesEngine()

/// One activity recognised for a 中级 person in 2016 unless told otherwise.
func recognise(_ activity: Activity, level: Level = .intermediate, year: Int = 2016) -> RecognisedHours {
    engine.recognise(activity, level: level, year: year)
}
