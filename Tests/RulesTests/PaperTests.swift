import Testing
import Records
@testable import Rules

@Suite("Papers: 四(八)1")
struct PaperTests {
    func paper(_ level: String? = "issn_cn", variant: String? = nil, claim: Double? = nil) -> RecognisedHours {
        recognise(activity(.paper, hours: claim, params: ActivityParams(level: level, variant: variant)))
    }

    @Test("without a claim the lower end is recognised and the explanation says so")
    func noClaim() {
        let r = paper()
        #expect(r.hours == 12)
        #expect(r.explanation == "ISSN和CN刊号刊物论文 每篇12–16学时，未申报学时，按下限 = 12学时（细则四(八)1）")
        #expect(r.errors.isEmpty)
    }

    @Test("a claim inside the range is accepted, both ends included", arguments: [12.0, 14.0, 16.0])
    func claimInside(claim: Double) {
        let r = paper(claim: claim)
        #expect(r.hours == claim)
        #expect(r.errors.isEmpty)
    }

    @Test("a claim outside the range is an error and the lower end is recognised", arguments: [11.0, 16.5, 24.0])
    func claimOutside(claim: Double) {
        let r = paper(claim: claim)
        #expect(r.hours == 12)
        #expect(r.errors.count == 1)
        #expect(r.errors[0].contains("12–16"))
    }

    @Test("ranges by journal level", arguments: [
        ("national_society", 20.0, 24.0), ("issn_cn", 12.0, 16.0), ("provincial_core", 10.0, 12.0),
        ("municipal", 6.0, 10.0), ("internal", 4.0, 6.0),
    ])
    func levels(level: String, low: Double, high: Double) {
        #expect(paper(level).hours == low)
        #expect(paper(level, claim: high).hours == high)
        #expect(paper(level, claim: high + 1).errors.count == 1)
    }

    @Test("case reports and abstracts: the level's range 20% lower (issn_cn 9.6–12.8)", arguments: ["case_report", "abstract"])
    func reduced(variant: String) {
        let r = paper(variant: variant)
        #expect(r.hours == 9.6)
        #expect(r.explanation.contains("递减20%为9.6–12.8学时"))
        #expect(paper(variant: variant, claim: 12.8).hours == 12.8)
        #expect(paper(variant: variant, claim: 12.8).errors.isEmpty)
        let over = paper(variant: variant, claim: 14)
        #expect(over.hours == 9.6 && over.errors.count == 1)
        #expect(paper("national_society", variant: variant).hours == 16)
        #expect(paper("national_society", variant: variant, claim: 19.2).errors.isEmpty)
    }

    @Test("conference paper read aloud 6, conference abstract or listed title 8, no journal level needed")
    func conference() {
        let read = paper(nil, variant: "conference_read")
        #expect(read.hours == 6 && read.errors.isEmpty)
        #expect(read.explanation == "会议论文（大会宣读） 每篇 = 6学时（细则四(八)1）")
        #expect(paper(nil, variant: "conference_abstract").hours == 8)
        #expect(paper("issn_cn", variant: "conference_abstract").hours == 8)
        #expect(paper(nil, variant: "conference_read", claim: 8).errors == ["申报学时 8 与认定学时 6 不符"])
    }

    @Test("a missing or unknown level, an unknown variant: errors with 0 hours")
    func badParams() {
        let noLevel = paper(nil, claim: 14)
        #expect(noLevel.hours == 0 && noLevel.errors.first?.contains("params.level") == true)
        let badLevel = paper("nature")
        #expect(badLevel.hours == 0 && badLevel.errors.first?.contains("issn_cn") == true)
        let badVariant = paper(variant: "poster")
        #expect(badVariant.hours == 0 && badVariant.errors.first?.contains("conference_read") == true)
    }
}

@Suite("Books, translations, reports: 四(八)2–4")
struct CharsTests {
    @Test("whole blocks only", arguments: [
        (ActivityKind.book, 25_000, 75.0), (.book, 2_500, 6.0), (.book, 999, 0.0), (.book, 1_000, 3.0),
        (.translation, 3_000, 6.0), (.translation, 4_400, 6.0), (.report, 1_500, 3.0), (.report, 1_499, 0.0),
    ])
    func blocks(kind: ActivityKind, chars: Int, hours: Double) {
        let r = recognise(activity(kind, params: ActivityParams(chars: chars)))
        #expect(r.hours == hours)
        #expect(r.errors.isEmpty)
    }

    @Test("the remainder is said to be left out")
    func remainder() {
        let r = recognise(activity(.book, params: ActivityParams(chars: 2_500)))
        #expect(r.explanation == "专著 2500字，每1000字3学时，2×3学时 = 6学时（余500字不足1000字，不计）（细则四(八)2）")
        #expect(r.clause == "四(八)2")
        #expect(recognise(activity(.translation)).clause == "四(八)3")
        #expect(recognise(activity(.report)).clause == "四(八)4")
    }

    @Test("no cap on books; missing chars is an error; a differing claim is an error")
    func capAndErrors() {
        #expect(recognise(activity(.book, params: ActivityParams(chars: 100_000)), level: .junior).hours == 300)
        #expect(recognise(activity(.book)).errors.first?.contains("params.chars") == true)
        #expect(recognise(activity(.book, hours: 9, params: ActivityParams(chars: 2_500))).errors.count == 1)
    }
}
