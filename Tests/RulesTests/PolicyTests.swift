import Testing
import Records
@testable import Rules

@Suite("The policy table")
struct PolicyTests {
    @Test("every activity kind has exactly one rule with a clause and a name")
    func everyKindHasOneRule() {
        for kind in ActivityKind.allCases {
            let rules = Policy.xuzhou2007.rules.filter { $0.kind == kind }
            #expect(rules.count == 1, "\(kind)")
            #expect(rules.first?.clause.hasPrefix("四(") == true, "\(kind)")
            #expect(rules.first?.name.isEmpty == false, "\(kind)")
            #expect(rules.first?.defaultForm.isEmpty == false, "\(kind)")
        }
        #expect(Policy.xuzhou2007.rules.count == ActivityKind.allCases.count)
        #expect(Policy.xuzhou2007.source == "徐政人发〔2007〕130号")
    }

    @Test("the requirement: 72 for 高级 and 中级, 40 for 初级, 24 public, cap twice the year")
    func requirement() {
        let r = Policy.xuzhou2007.requirement
        #expect(r.total(for: .senior) == 72)
        #expect(r.total(for: .intermediate) == 72)
        #expect(r.total(for: .junior) == 40)
        #expect(r.yearlyPublic == 24)
        #expect(r.cap(for: .senior) == 144)
        #expect(r.cap(for: .intermediate) == 144)
        #expect(r.cap(for: .junior) == 80)
    }

    @Test("another city's rates are another Policy value, not a code change")
    func otherCity() {
        var policy = Policy.xuzhou2007
        policy.source = "某市2020年细则"
        policy.requirement.yearlyTotal = PerLevel(senior: 90, intermediate: 90, junior: 60)
        let index = policy.rules.firstIndex { $0.kind == .academicMeeting }!
        policy.rules[index].measure = .perTime(TimeRate(unit: .day, rates: Choice(.scope, [
            Option("national", "全国性学术会议", 10),
        ]), capped: false))
        let other = RulesEngine(policy: policy)
        let meeting = activity(.academicMeeting, params: ActivityParams(days: 3, scope: "national"))
        #expect(other.recognise(meeting, level: .senior, year: 2016).hours == 30)
        let assessment = other.assess(person(.senior, [publicCourse(24), meeting]), year: 2016)
        #expect(assessment.requiredTotal == 90)
        #expect(assessment.verdict == .fail(reasons: ["总学时 54，应达 90（细则二）"]))
    }

    @Test("a kind the policy has no rule for is an error, never silently counted")
    func missingRule() {
        var policy = Policy.xuzhou2007
        policy.rules.removeAll { $0.kind == .teaching }
        let r = RulesEngine(policy: policy).recognise(activity(.teaching, params: ActivityParams(taughtHours: 10)),
                                                      level: .senior, year: 2016)
        #expect(r.hours == 0 && !r.counted && r.errors.count == 1)
    }

    @Test("a form is printed from the rule when the record gives none", arguments: [
        (ActivityKind.academicMeeting, "学术会议"), (.distanceLearning, "远程教育"), (.patent, "专利"),
    ])
    func defaultForm(kind: ActivityKind, form: String) {
        #expect(recognise(activity(kind)).form == form)
        var given = activity(kind)
        given.form = "讲座"
        #expect(recognise(given).form == "讲座")
    }
}

@Suite("Hours format")
struct HoursFormatTests {
    @Test("no trailing .0, at most two decimals", arguments: [
        (36.0, "36"), (12.5, "12.5"), (9.6, "9.6"), (0.0, "0"), (144.0, "144"), (9.600000000000001, "9.6"),
        (1.25, "1.25"), (1.05, "1.05"), (-3.0, "-3"),
    ])
    func format(hours: Double, text: String) {
        #expect(HoursFormat.string(hours) == text)
    }
}
