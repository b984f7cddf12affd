import Documents
import Foundation
import Layout
import Pipeline
import Records
import Render
import Rules
import Testing
import TestSupport

@Suite("Seal slots: 上不压正文，下骑年盖月")
struct SealPlacementTests {
    /// Lays out a person's document from the shipped templates and returns the laid-out pages; with
    /// `audit`, as an agency stamps it (its opinion, the audit's date, a serial, no seal image).
    func laidOut(_ kind: DocumentKind, audit: Bool, extraActivities: Int = 0) throws -> LaidOutDocument {
        let folder = Repository.temporaryFolder()
        var person = Samples.person(1, audit: audit)
        if extraActivities > 0 {
            person["activities"] = (0..<extraActivities).map { Samples.activity(content: "课程\($0)", hours: 2, day: $0 % 28 + 1) }
        }
        let loaded = try RecordsLoader.load(contentsOf: Samples.write(Samples.records(people: [person]), to: folder))
        let job = DocumentRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library)
        let builder = DocumentBuilder(records: loaded.records, creator: "test")
        let p = try loaded.records.people.person(at: 0)
        let assessment = RulesEngine().assess(p, year: 2016)
        let stamp = p.audit.map { audit in
            AgencyStamp(serial: "XZPX-2016-000001", seal: nil, opinion: assessment.verdict.opinionText, date: audit.date)
        }
        let data = kind == .registration ? builder.registration(p, assessment, stamp: stamp)
            : builder.certificate(p, assessment, stamp: stamp)
        return try job.compose(kind, data)
    }

    @Test("each seal is 42 mm, covers the 月 of its date line, and sits below the opinion text",
          arguments: [DocumentKind.registration, .certificate])
    func placement(kind: DocumentKind) throws {
        let document = try laidOut(kind, audit: true)
        let page = try #require(document.pages.last)
        let seals = page.items.compactMap { if case .sealSlot(let s) = $0 { s } else { nil } }
        let texts = page.items.compactMap { if case .text(let t) = $0 { t } else { nil } }
        #expect(seals.count == (kind == .registration ? 2 : 1))
        for seal in seals {
            #expect(abs(seal.diameter - mm(42)) < 0.03)
            let r = seal.diameter / 2
            // The date line under this seal: the text with 年…月…日 whose 月 lies inside the circle.
            let date = try #require(texts.first { t in
                t.text.contains("月") && t.text.contains("日") && abs(t.origin.y - seal.center.y) < r
                    && t.origin.x < seal.center.x && t.origin.x + t.width > seal.center.x
            })
            // 下骑年盖月: the date runs through the lower half of the seal.
            #expect(date.origin.y > seal.center.y && date.origin.y < seal.center.y + r)
            // 上不压正文: the opinion text above (楷) ends above the seal's top.
            let opinion = texts.filter { $0.font.role == .kai && abs($0.origin.x + $0.width / 2 - seal.center.x) < 80 * 2.84 }
            for line in opinion {
                #expect(line.origin.y + 0.12 * line.font.size < seal.center.y - r, "\(line.text) above the seal")
            }
            if seal.owner == .agency { #expect(!opinion.isEmpty, "the agency's opinion is printed") }
        }
    }

    @Test("the opinion is the rules' verdict, in the 楷 font")
    func verdictText() throws {
        let document = try laidOut(.registration, audit: true)
        let kai = document.pages.flatMap(\.items).compactMap { if case .text(let t) = $0, t.font.role == .kai { t.text } else { nil } }
        #expect(kai.joined().contains("继续教育审验合格"))
        let failing = try laidOut(.registration, audit: true, extraActivities: 3)
        let failingText = failing.pages.flatMap(\.items).compactMap { if case .text(let t) = $0, t.font.role == .kai { t.text } else { nil } }.joined()
        #expect(failingText.contains("继续教育审验不合格"))
        #expect(failingText.contains("总学时 6，应达 72（细则二）"))
    }
}
