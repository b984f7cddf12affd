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
        var ledger = Ledger()
        record(2015, of: id, seminar: true, degree: true, in: &ledger)
        return ledger
    }

    /// Records in `ledger` the year 2015 of person `id`: with `seminar` a 20-day 专业高级研修班 (144
    /// recognised, 72 carried to 2016), with `degree` a master's degree graduated in 2015 (72 in 2015,
    /// 2016 and 2017).
    static func record(_ year: Int, of id: String, seminar: Bool, degree: Bool, in ledger: inout Ledger) {
        func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
        var activities: [Activity] = []
        if seminar {
            activities.append(Activity(subject: .professional, kind: .advancedSeminar, content: "心血管介入高级研修班",
                                       start: day("2015-05-01"), end: day("2015-05-20"), params: ActivityParams(days: 20)))
        }
        if degree {
            activities.append(Activity(subject: .professional, kind: .degreeStudy, content: "临床医学硕士", start: day("2014-09-01"),
                                       end: day("2015-06-30"), params: ActivityParams(other: ["graduated": .bool(true)])))
        }
        let person = Person(idNumber: id, name: "测试", level: .intermediate, activities: activities)
        ledger.record(LedgerYear(idNumber: id, RulesEngine(ledger: ledger).assess(person, year: year)))
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

    @Test("a roster of two pages with carried and diploma hours: every row, 本页小计 and 合计 add up")
    func rosterAcrossPages() throws {
        // 30 people (rows on two pages): each with the year's 24 public; every person but each third with 72
        // carried, every second with a diploma's 72.
        let count = 30
        var ledger = Ledger()
        var expected: [String: [Int]] = [:]
        for n in 0..<count {
            let (seminar, degree) = (n % 3 != 0, n % 2 == 0)
            Self.record(2015, of: Samples.idNumber(n), seminar: seminar, degree: degree, in: &ledger)
            let professional = (seminar ? 72 : 0) + (degree ? 72 : 0)
            expected[Samples.idNumber(n)] = [24, professional, 24 + professional]
        }
        let people = (0..<count).map { Samples.person($0, activities: [Samples.activity()]) }
        let rendered = try Rendered(Samples.records(people: people), engine: RulesEngine(ledger: ledger))
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")

        let pages = try Poppler.pages(rendered.unit("annual-audit.pdf"))
        var seen: [String: [Int]] = [:]
        var grand = [0, 0, 0]
        var pagesWithRows = 0
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            // A person's row: the three numbers after the ID number are its public, professional and total hours.
            var sums = [0, 0, 0]
            for line in lines {
                guard let at = line.firstIndex(where: { expected[$0] != nil }) else { continue }
                let hours = line[(at + 1)...].compactMap { Int($0) }.prefix(3).map { $0 }
                seen[line[at]] = hours
                sums = zip(sums, hours).map(+)
            }
            // A page of the opinion boxes alone (after the last rows) has no subtotal.
            let subtotal = lines.first { $0.first == "本页小计" }
            if sums == [0, 0, 0] && subtotal == nil { continue }
            pagesWithRows += 1
            #expect(subtotal == ["本页小计"] + sums.map(String.init), "page \(index + 1): \(sums)")
            grand = zip(grand, sums).map(+)
        }
        #expect(pagesWithRows == 2)
        #expect(seen == expected)
        let total = pages.joined().split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            .first { $0.first == "合计" }
        #expect(total == ["合计"] + grand.map(String.init))
        #expect(grand == [count * 24, expected.values.map { $0[1] }.reduce(0, +), expected.values.map { $0[2] }.reduce(0, +)])
    }
}
