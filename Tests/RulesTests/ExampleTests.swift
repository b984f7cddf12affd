import Testing
import Records
@testable import Rules

/// The three people of examples/example.json, built in code.
@Suite("The example records")
struct ExampleTests {
    let audit = Audit(agency: "徐州市职业技术培训中心", date: CalendarDate(year: 2017, month: 2, day: 10)!)

    @Test("张卫东 中级: 24 public + 36 meeting + 14 paper = 74, 合格")
    func zhangWeidong() {
        let p = Person(idNumber: "320302198001011239", name: "张卫东", level: .intermediate, activities: [
            Activity(subject: .public, kind: .distanceLearning, content: "专业技术人员创新能力建设读本", form: "远程教育",
                     start: day("2016-03-01"), end: day("2016-05-31"), hours: 24, provider: "徐州市专业技术人员继续教育网",
                     assessment: "合格", params: ActivityParams(approvedHours: 24)),
            Activity(subject: .professional, kind: .academicMeeting, content: "中华医学会心血管病学分会第十八次全国学术会议",
                     form: "学术会议", start: day("2016-10-12"), end: day("2016-10-14"), hours: 36, provider: "中华医学会",
                     assessment: "合格", params: ActivityParams(days: 3, scope: "national")),
            Activity(subject: .professional, kind: .paper, content: "冠心病介入治疗术后双联抗血小板疗程的临床观察", form: "论文",
                     start: day("2016-08-20"), end: day("2016-08-20"), hours: 14, provider: "《江苏医药》",
                     params: ActivityParams(level: "issn_cn")),
        ], audit: audit)
        let a = engine.assess(p, year: 2016)
        #expect(a.activities.map(\.hours) == [24, 36, 14])
        #expect(a.publicHours == 24 && a.professionalHours == 50 && a.totalHours == 74)
        #expect(a.requiredTotal == 72)
        #expect(a.verdict == .pass)
        #expect(a.errors.isEmpty && a.warnings.isEmpty)
        #expect(a.activities[1].explanation == "全国性学术会议 3天×12学时 = 36学时（细则四(五)）")
    }

    @Test("李𠀾 初级: 24 public + 16 training = 40, 合格")
    func li() {
        let p = Person(idNumber: "320303199107152348", name: "李𠀾", level: .junior, activities: [
            Activity(subject: .public, kind: .distanceLearning, content: "专业技术人员职业道德与诚信建设",
                     start: day("2016-04-01"), end: day("2016-04-30"), hours: 24, provider: "徐州市专业技术人员继续教育网",
                     assessment: "合格", params: ActivityParams(approvedHours: 24)),
            Activity(subject: .professional, kind: .instituteTraining, content: "急危重症护理技术培训班", form: "培训班",
                     start: day("2016-06-06"), end: day("2016-06-07"), hours: 16, provider: "徐州医科大学",
                     assessment: "合格", params: ActivityParams(days: 2)),
        ], audit: audit)
        let a = engine.assess(p, year: 2016)
        #expect(a.totalHours == 40 && a.requiredTotal == 40)
        #expect(a.verdict == .pass)
        #expect(a.activities[0].form == "远程教育")
        #expect(a.errors.isEmpty)
    }

    @Test("买买提·艾力 高级: a utility patent of 36 and no public subject, 不合格 with both reasons")
    func maimaiti() {
        let p = Person(idNumber: "32032219720330345X", name: "买买提·艾力", level: .senior, activities: [
            Activity(subject: .professional, kind: .patent, content: "一种医用输液加温装置", form: "专利",
                     start: day("2016-09-01"), end: day("2016-09-01"), provider: "国家知识产权局",
                     params: ActivityParams(level: "utility")),
        ])
        let a = engine.assess(p, year: 2016)
        #expect(a.activities[0].hours == 36)
        #expect(a.activities[0].explanation == "实用新型专利 每项 = 36学时（细则四(九)2）")
        #expect(a.totalHours == 36 && a.publicHours == 0)
        #expect(a.verdict == .fail(reasons: ["总学时 36，应达 72（细则二）", "公共科目学时 0，应达 24（2016年通知一）"]))
        #expect(a.verdict.opinionText == "继续教育审验不合格：总学时 36，应达 72（细则二）；公共科目学时 0，应达 24（2016年通知一）")
    }
}
