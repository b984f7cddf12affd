import Documents
import Foundation
import Records
import Rules
import Testing
import TestSupport

/// The documents of a year judged with the ledger: carried and diploma hours on lines of their own.
@Suite("Documents across years: 上年度结转 and 学历教育 apart from the year's own hours")
struct AcrossYearsTests {
    static let id = Samples.idNumber(1)

    /// The ledger after 2015: a 20-day 专业高级研修班 (144 recognised, 72 carried to 2016) and a master's
    /// degree graduated in 2015 (72 in 2015, 2016 and 2017).
    static func ledger() -> Ledger {
        func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
        let person = Person(idNumber: id, name: "测试1", level: .intermediate, activities: [
            Activity(subject: .professional, kind: .advancedSeminar, content: "心血管介入高级研修班",
                     start: day("2015-05-01"), end: day("2015-05-20"), params: ActivityParams(days: 20)),
            Activity(subject: .professional, kind: .degreeStudy, content: "临床医学硕士", start: day("2014-09-01"),
                     end: day("2015-06-30"), params: ActivityParams(other: ["graduated": .bool(true)])),
        ])
        var ledger = Ledger()
        ledger.record(LedgerYear(idNumber: id, RulesEngine(ledger: ledger).assess(person, year: 2015)))
        return ledger
    }

    @Test("附件1, the certificate's annual page and the roster of 2016 show the year's 24, 72 carried and 72 of the diploma")
    func documents() throws {
        let person = Samples.person(1, activities: [Samples.activity()])
        let rendered = try Rendered(Samples.records(people: [person]), png: true, engine: RulesEngine(ledger: Self.ledger()))
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")

        let registration = try Poppler.text(rendered.person(Self.id, "registration.pdf")).filter { !$0.isWhitespace }
        // A credit's line wraps in its cell (pdftotext interleaves the row's other cells): its first line,
        // then its row's period, form, subject and hours.
        for expected in ["上年度结转：2015年度《心血管介入高级研修班》72学时", "2015年度结转专业72（细则四(四)",
                         "学历教育：2015年毕业《临床医学硕士》72学时", "2015年度学历教育专业72(三)，从毕业当年起认定三年内有效）",
                         "公共学时24专业学时144合计168", "本年度学时24上年度结转72学历教育72"] {
            #expect(registration.contains(expected), "registration.pdf shows \(expected)")
        }

        let certificate = try Poppler.text(rendered.person(Self.id, "certificate.pdf")).filter { !$0.isWhitespace }
        for expected in ["合计学时168", "本年度学时24上年度结转72", "学历教育72", "以前年度学时",
                         "2015年度《心血管介入高级研修班》72学时"] {
            #expect(certificate.contains(expected), "certificate.pdf shows \(expected)")
        }

        // The roster's columns add up to the totals it prints.
        let roster = try Poppler.pages(rendered.unit("annual-audit.pdf"))
        let rows = roster.joined().split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        #expect(rows.first { $0.first == "合计" } == ["合计", "24", "144", "168"])
        #expect(rows.first { $0.first == "本页小计" } == ["本页小计", "24", "144", "168"])
    }

    @Test("the year of the seminar: its row shows the year's 72 and names the 72 carried, so the column adds up")
    func sourceYear() throws {
        let seminar: [String: Any] = ["subject": "professional", "kind": "advanced_seminar", "content": "心血管介入高级研修班",
                                      "start": "2016-05-01", "end": "2016-05-20", "params": ["days": 20]]
        let person = Samples.person(1, activities: [Samples.activity(), seminar])
        let rendered = try Rendered(Samples.records(people: [person]), engine: RulesEngine(ledger: Ledger()))
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")
        let registration = try Poppler.text(rendered.person(Self.id, "registration.pdf")).filter { !$0.isWhitespace }
        for expected in ["心血管介入高级研修班（认定", "144学时，其中72学时结转研修班专业722017年度）",
                         "公共学时24专业学时72合计96", "本年度学时96上年度结转0学历教育0"] {
            #expect(registration.contains(expected), "registration.pdf shows \(expected)")
        }
    }
}
