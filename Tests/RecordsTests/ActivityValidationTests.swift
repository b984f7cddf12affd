import Foundation
import Testing
@testable import Records

/// Problems inside one activity or the audit of a person (audit year 2016 in every fixture).
@Suite("activity and audit validation")
struct ActivityValidationTests {
    private let end = "people[0].activities[0].end"

    /// The problems of a person holding this one activity (and this audit, when given).
    private func problems(_ activity: Fixture.Object, audit: Fixture.Object? = nil) throws -> [RecordsProblem] {
        var changes: Fixture.Object = ["activities": [activity]]
        if let audit { changes["audit"] = audit }
        return try Fixture.personProblems(Fixture.person(changes))
    }

    @Test(arguments: [("subject", "科目"), ("kind", "学时认定类别"), ("content", "学习内容"), ("start", "开始日期"), ("end", "结束日期")])
    func requiredFields(key: String, label: String) throws {
        let found = try problems(Fixture.activity(removing: [key]))
        #expect(found.map(\.description) == ["people[0].activities[0].\(key): 缺少必填字段\"\(key)\"（\(label)）"])
    }

    @Test func subjectAndKindEnumerations() throws {
        let found = try problems(Fixture.activity(["subject": "公共", "kind": "conference"]))
        #expect(found.at("people[0].activities[0].subject").first?.message == "科目\"公共\"无效，应为 public、professional 之一")
        let kind = try #require(found.at("people[0].activities[0].kind").first?.message)
        #expect(kind.hasPrefix("学时认定类别\"conference\"无效，应为 base_training、institute_training、"))
        #expect(kind.contains("distance_learning"))
    }

    @Test func datesMustBeRealAndWellFormed() throws {
        let notReal = try problems(Fixture.activity(["start": "2016-02-30"]))
        #expect(notReal.map(\.description) == ["people[0].activities[0].start: 开始日期 2016-02-30 不是真实的日期"])
        let format = try problems(Fixture.activity(["end": "2016/6/7"]))
        #expect(format.map(\.description) == ["\(end): 结束日期\"2016/6/7\"格式不正确，应为 YYYY-MM-DD（如 2016-03-01）"])
        let leap = try problems(Fixture.activity(["start": "2016-02-29", "end": "2016-02-29", "params": [:]]))
        #expect(leap.isEmpty)
    }

    /// Exactly `YYYY-MM-DD` in ASCII digits: nothing shorter, longer, padded, signed or full-width.
    @Test func isoDatesHaveOneShape() {
        #expect(CalendarDate(iso: "2016-03-01") == CalendarDate(year: 2016, month: 3, day: 1))
        for text in ["2016-3-01", "2016-03-1", "16-03-01", "2016-03-01 ", " 2016-03-01", "2016/03/01", "+016-03-01",
                     "２０１６-03-01", "2016-03-01\u{301}", "2016--03-01", "2016-13-01", ""] {
            #expect(CalendarDate(iso: text) == nil, "\(text)")
        }
    }

    @Test func endBeforeStart() throws {
        let found = try problems(Fixture.activity(["start": "2016-06-01", "end": "2016-05-01", "params": [:]]))
        #expect(found.map(\.description) == ["\(end): 结束日期早于开始日期（2016-05-01 早于 2016-06-01）"])
    }

    @Test func endingOutsideTheAuditYear() throws {
        // Next year: counted elsewhere, a warning only.
        let next = try problems(Fixture.activity(["start": "2017-01-05", "end": "2017-01-06"]))
        #expect(next.map(\.severity) == [.warning])
        #expect(next.first?.description == "\(end): 结束日期 2017-01-06 在 2017 年，不计入本年度（2016 年）")
        // Two years on: impossible for records handed in during 2017.
        let later = try problems(Fixture.activity(["start": "2018-01-05", "end": "2018-01-06"]))
        #expect(later.map(\.severity) == [.error])
        #expect(later.first?.message.contains("晚于审验年度 2016 的次年年底") == true)
        // Up to three years back: a warning; before that, an error.
        let past = try problems(Fixture.activity(["start": "2013-06-06", "end": "2013-06-07"]))
        #expect(past.map(\.severity) == [.warning])
        let stale = try problems(Fixture.activity(["start": "2012-06-06", "end": "2012-06-07"]))
        #expect(stale.map(\.severity) == [.error])
        #expect(stale.first?.message.contains("早于 2013 年") == true)
    }

    @Test func degreeStudyMayEndInEarlierYearsWithoutAWarning() throws {
        let diploma = Fixture.activity(["kind": "degree_study", "start": "2011-09-01", "end": "2014-07-01", "params": [:]])
        #expect(try problems(diploma).isEmpty)
    }

    @Test func endAfterTheAuditDate() throws {
        let found = try problems(Fixture.activity(["start": "2017-03-01", "end": "2017-03-02"]),
                                 audit: ["agency": "徐州市职业技术培训中心", "date": "2017-02-10"])
        #expect(found.map(\.description) == ["\(end): 结束日期 2017-03-02 晚于审验日期 2017-02-10：审验时活动尚未结束"])
    }

    @Test func hoursMustBeANonNegativeReasonableNumber() throws {
        let negative = try problems(Fixture.activity(["hours": -8]))
        #expect(negative.map(\.description) == ["people[0].activities[0].hours: 学时不能小于 0，实际为 -8"])
        let absurd = try problems(Fixture.activity(["hours": 300]))
        #expect(absurd.map(\.severity) == [.error])
        #expect(absurd.first?.message == "学时 300 不合理，最多为 288（一次活动最多认定两年的学时），应是录入错误")
        let text = try problems(Fixture.activity(["hours": "16"]))
        #expect(text.first?.message == "学时应为数字，实际为字符串\"16\"")
        #expect(try problems(Fixture.activity(["hours": 288])).isEmpty)
        #expect(try problems(Fixture.activity(["hours": 7.5])).isEmpty)
    }

    @Test func paramsAreTyped() throws {
        let params: Fixture.Object = ["days": 1.5, "grade": 0, "abroad": "是", "months": -1, "scope": "city", "rank": "1"]
        let found = try problems(Fixture.activity(["params": params]))
        let p = "people[0].activities[0].params"
        #expect(found.at("\(p).days").first?.message == "参加天数应为整数，实际为 1.5")
        #expect(found.at("\(p).grade").first?.message == "获奖等级应为不小于 1 的整数，实际为 0")
        #expect(found.at("\(p).abroad").first?.message == "是否出国（境）应为 true 或 false，实际为字符串\"是\"")
        #expect(found.at("\(p).months").first?.message == "月数不能小于 0，实际为 -1")
        #expect(found.at("\(p).scope").first?.message == "范围\"city\"无效，应为 international、national、provincial、municipal 之一")
        #expect(found.at("\(p).rank").first?.message == "排名应为整数，实际为字符串\"1\"")
        #expect(found.count == 6)
        let notObject = try problems(Fixture.activity(["params": [2]]))
        #expect(notObject.map(\.path) == [p])
    }

    @Test func paramsKeepUnknownKeysAndTypedValues() throws {
        let params: Fixture.Object = ["days": 2, "scope": "national", "abroad": true, "rank": 1, "chars": 30000,
                                      "taught_hours": 6.5, "variant": "abstract", "level": "issn_cn", "note": "第二作者"]
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["activities": [Fixture.activity(["params": params])]])]))
        #expect(loaded.problems.isEmpty)
        let got = try #require((try loaded.records.people.all()).first?.activities.first?.params)
        #expect(got == ActivityParams(days: 2, scope: "national", abroad: true, level: "issn_cn", rank: 1, chars: 30000,
                                      taughtHours: 6.5, variant: "abstract", other: ["note": .string("第二作者")]))
    }

    @Test func daysCannotExceedTheDatesSpan() throws {
        let found = try problems(Fixture.activity(["params": ["days": 5]]))
        #expect(found.map(\.description) == ["people[0].activities[0].params.days: 参加天数 5 天超过起止日期之间的 2 天（2016-06-06 至 2016-06-07）"])
    }

    @Test func unknownActivityKeyAndOptionalStrings() throws {
        let found = try problems(Fixture.activity(["provide": "徐州医科大学", "assessment": 85]))
        #expect(found.map(\.path) == ["people[0].activities[0].provide", "people[0].activities[0].assessment"])
        #expect(found.first?.message.contains("是否应为\"provider\"") == true)
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["activities": [
            Fixture.activity(["form": "", "provider": "徐州医科大学", "assessment": "合格", "evidence": "证书 2016-01"])]])]))
        let a = try #require((try loaded.records.people.all()).first?.activities.first)
        #expect(a.form == nil)  // blank: the rules give the default form of the kind
        #expect(a.provider == "徐州医科大学")
        #expect(a.assessment == "合格")
        #expect(a.evidence == "证书 2016-01")
    }

    @Test func anInvalidActivityRejectsThePerson() throws {
        let person = Fixture.person(["activities": [Fixture.activity(), Fixture.activity(["end": "2016-13-01"])]])
        let loaded = try Fixture.load(Fixture.file(people: [person]))
        #expect(loaded.records.people.isEmpty)
        #expect(loaded.rejected.first?.problems.map(\.path) == ["people[0].activities[1].end"])
    }

    @Test func auditRequiredFieldsAndOverride() throws {
        let missing = try problems(Fixture.activity(), audit: ["date": "2017-02-30"])
        #expect(missing.map(\.description) == [
            "people[0].audit.agency: 缺少必填字段\"agency\"（审验机构）",
            "people[0].audit.date: 审验日期 2017-02-30 不是真实的日期",
        ])
        let pass = try problems(Fixture.activity(), audit: ["agency": "徐州市职业技术培训中心", "date": "2017-02-10", "override": "pass"])
        #expect(pass.map(\.path) == ["people[0].audit.override"])
        #expect(pass.first?.message.hasPrefix("override 只能为\"fail\"") == true)

        let audit: Fixture.Object = ["agency": "徐州市职业技术培训中心", "date": "2017-02-10", "override": "fail", "remarks": "材料不实"]
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["audit": audit])]))
        #expect((try loaded.records.people.all()).first?.audit == Audit(agency: "徐州市职业技术培训中心", date: CalendarDate(year: 2017, month: 2, day: 10)!,
                                                            overrideFail: true, remarks: "材料不实"))
    }

    @Test func auditBeforeTheEndOfTheYearIsAWarning() throws {
        let found = try problems(Fixture.activity(), audit: ["agency": "徐州市职业技术培训中心", "date": "2016-12-01"])
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.path == "people[0].audit.date")
        #expect(found.first?.message.hasPrefix("审验日期 2016-12-01 早于审验年度 2016 结束") == true)
    }

    @Test func photoIsJustAPath() throws {
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["photo": "photos/not-there.jpg"])]))
        #expect(loaded.problems.isEmpty)
        #expect((try loaded.records.people.all()).first?.photo == "photos/not-there.jpg")
    }
}
