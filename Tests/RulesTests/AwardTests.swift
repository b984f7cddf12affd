import Testing
import Records
@testable import Rules

@Suite("Awards, acceptance, patents, new technology: 四(九) 四(十)")
struct AwardTests {
    func award(_ level: String, grade: Int? = 1, rank: Int? = 1, claim: Double? = nil) -> RecognisedHours {
        recognise(activity(.award, hours: claim, params: ActivityParams(level: level, grade: grade, rank: rank)))
    }

    @Test("grade 1 gets the top of the level, grade 2 twelve less", arguments: [
        ("national", 96.0, 84.0), ("ministerial", 72.0, 60.0), ("provincial", 72.0, 60.0),
        ("municipal", 48.0, 36.0), ("county", 24.0, 12.0),
    ])
    func grades(level: String, first: Double, second: Double) {
        #expect(award(level, grade: 1).hours == first)
        #expect(award(level, grade: 2).hours == second)
    }

    @Test("a grade below the level's range gets the lower end, with a warning")
    func thirdGrade() {
        let r = award("provincial", grade: 3)
        #expect(r.hours == 60)
        #expect(r.warnings.count == 1)
        #expect(r.errors.isEmpty)
    }

    @Test("the fifth-ranked recipient counts, the sixth gets 0 with the reason")
    func ranks() {
        let fifth = award("municipal", grade: 2, rank: 5)
        #expect(fifth.hours == 36)
        #expect(fifth.explanation == "市级科技进步奖二等奖 第5名，36–48学时，各等级相差12学时 = 36学时（细则四(九)1）")
        let sixth = award("municipal", grade: 2, rank: 6)
        #expect(sixth.hours == 0)
        #expect(sixth.errors.isEmpty)
        #expect(sixth.explanation == "市级科技进步奖二等奖 获奖者第6名，限前5名认定，不认定学时（细则四(九)1）")
        #expect(award("municipal", grade: 2, rank: 6, claim: 36).errors == ["申报学时 36 与认定学时 0 不符"])
    }

    @Test("grade and rank are required; a claim differing from the grade's hours is an error")
    func required() {
        #expect(award("national", grade: nil).errors.first?.contains("params.grade") == true)
        #expect(award("national", grade: nil).hours == 0)
        #expect(award("national", rank: nil).errors.first?.contains("params.rank") == true)
        #expect(award("national", grade: 0).hours == 0)
        #expect(award("galactic").errors.first?.contains("county") == true)
        let claimed = award("national", grade: 2, claim: 96)
        #expect(claimed.hours == 84 && claimed.errors.count == 1)
    }

    @Test("acceptance without award: 72, 48, 24, 12", arguments: [
        ("national", 72.0), ("provincial", 48.0), ("municipal", 24.0), ("county", 12.0),
    ])
    func acceptance(level: String, hours: Double) {
        let r = recognise(activity(.acceptance, params: ActivityParams(level: level)))
        #expect(r.hours == hours && r.clause == "四(九)1")
    }

    @Test("no rank limit on patents, acceptance or papers: the notice sets one only for awards and new technology")
    func noRankLimit() {
        #expect(recognise(activity(.patent, params: ActivityParams(level: "invention", rank: 8))).hours == 48)
        #expect(recognise(activity(.acceptance, params: ActivityParams(level: "county", rank: 8))).hours == 12)
        #expect(recognise(activity(.paper, params: ActivityParams(level: "internal", rank: 8))).hours == 4)
    }

    @Test("patents: invention 48, utility 36, design 24", arguments: [
        ("invention", 48.0), ("utility", 36.0), ("design", 24.0),
    ])
    func patents(level: String, hours: Double) {
        let r = recognise(activity(.patent, params: ActivityParams(level: level)))
        #expect(r.hours == hours && r.clause == "四(九)2" && r.errors.isEmpty)
    }

    @Test("new technology by level; collaborators ranked 1–5 only", arguments: [
        ("international", 48.0), ("national_advanced", 36.0), ("regional_advanced", 24.0), ("unit_first", 12.0),
    ])
    func newTechnology(level: String, hours: Double) {
        #expect(recognise(activity(.newTechnology, params: ActivityParams(level: level, rank: 5))).hours == hours)
        let sixth = recognise(activity(.newTechnology, params: ActivityParams(level: level, rank: 6)))
        #expect(sixth.hours == 0 && sixth.errors.isEmpty && sixth.explanation.contains("第6名"))
        #expect(recognise(activity(.newTechnology, params: ActivityParams(level: level))).errors.count == 1)
    }
}

@Suite("Same project counted as award and patent: 四(九)2")
struct SameProjectTests {
    let awardP = activity(.award, content: "输液加温装置的研制", params: ActivityParams(
        level: "municipal", grade: 1, rank: 1, other: ["project": .string("输液加温")]))
    let patentP = activity(.patent, content: "一种医用输液加温装置", params: ActivityParams(
        level: "utility", other: ["project": .string("输液加温")]))

    @Test("only the higher counts, the other gets 0 with a warning")
    func higherCounts() {
        let a = engine.assess(person(.senior, [publicCourse(24), patentP, awardP]), year: 2016)
        #expect(a.activities[1].hours == 0)
        #expect(a.activities[2].hours == 48)
        #expect(a.activities[1].explanation.hasSuffix(
            "；与《输液加温装置的研制》（activities[2]）为同一项目，成果与专利只能就一方认定，按学时较高的一方认定，本项不认定学时（细则四(九)2）"))
        #expect(a.warnings.contains { $0.hasPrefix("activities[1]: ") && $0.contains("同一项目") })
        #expect(a.totalHours == 72)
        #expect(a.verdict == .pass)
    }

    @Test("without a project key the same content is the same project")
    func sameContent() {
        let award = activity(.acceptance, content: "一种医用输液加温装置", params: ActivityParams(level: "provincial"))
        let patent = activity(.patent, content: "一种医用输液加温装置 ", params: ActivityParams(level: "invention"))
        let a = engine.assess(person(.senior, [award, patent]), year: 2016)
        #expect(a.activities.map(\.hours) == [48, 0])   // a tie: the first one counts
        #expect(a.totalHours == 48)
    }

    @Test("a project is recognised once: two patents of one project count once")
    func twoPatents() {
        var design = patentP
        design.params.level = "design"
        let a = engine.assess(person(.senior, [design, patentP]), year: 2016)
        #expect(a.activities.map(\.hours) == [0, 36])
    }

    @Test("different projects both count; a project outside the year does not take the place of one inside")
    func differentProjects() {
        var other = patentP
        other.params.other["project"] = .string("另一项目")
        let a = engine.assess(person(.senior, [awardP, other]), year: 2016)
        #expect(a.totalHours == 84)
        let lastYear = activity(.award, content: "输液加温装置的研制", start: "2015-05-01", end: "2015-05-01",
                                params: awardP.params)
        let b = engine.assess(person(.senior, [lastYear, patentP]), year: 2016)
        #expect(b.activities[1].hours == 36)
        #expect(b.totalHours == 36)
    }
}
