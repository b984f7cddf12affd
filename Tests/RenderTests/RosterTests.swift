import Documents
import Foundation
import Layout
import Pipeline
import Records
import Render
import Rules
import Testing
import TestSupport

@Suite("附件2 年度审验表: the roster flows across pages")
struct RosterTests {
    @Test("any number of people: header on every page, 续表, 本页小计, 合计, 第 N 页 共 M 页",
          arguments: [0, 1, 25, 500])
    func roster(count: Int) throws {
        let people = (0..<count).map { Samples.person($0, name: "人员\($0)号") }
        let rendered = try Rendered(Samples.records(people: people), name: "roster\(count)")
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")
        let pdf = rendered.unit("annual-audit.pdf")
        let pages = try Poppler.pages(pdf)
        let pageCount = try Poppler.pageCount(pdf)
        #expect(pages.count == pageCount)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("公民身份号码"), "header on page \(index + 1)")
            #expect(page.contains("审验结果"), "header on page \(index + 1)")
            #expect(page.compact.contains("第\(index + 1)页共\(pageCount)页"), "page number on page \(index + 1)")
            #expect(page.contains("续表") == (index > 0), "续表 only on continuation pages (page \(index + 1))")
            #expect(page.contains("本页小计") == (count > 0 || index == 0))
            let last = index == pages.count - 1
            // The 合计 row closes the last page only, with the grand totals (each person: 24 public, 48
            // professional, 72 in all); the header's 合计 is a column's name, not a row.
            let total = page.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
                .first { $0.first == "合计" }
            #expect(total == (last ? ["合计", "\(count * 24)", "\(count * 48)", "\(count * 72)"] : nil),
                    "合计 row on page \(index + 1): \(total.map { $0.joined(separator: " ") } ?? "none")")
            #expect(page.contains("意见") == last, "opinion boxes close the last page only")
        }
        // Every person exactly once, in order.
        let all = pages.joined()
        for n in 0..<count {
            #expect(all.components(separatedBy: "人员\(n)号").count == 2, "人员\(n)号 listed once")
        }
        if count == 0 { #expect(all.contains("本单位本年度无专业技术人员记录")) }
        if count == 500 {
            #expect(pageCount > 20)
        }
    }

    @Test("本页小计 adds up the rows of its own page")
    func subtotals() throws {
        let people = (0..<60).map { Samples.person($0) }
        let rendered = try Rendered(Samples.records(people: people))
        let pages = try Poppler.pages(rendered.unit("annual-audit.pdf"))
        #expect(pages.count >= 3)
        for page in pages {
            let rows = page.split(separator: "\n").filter { $0.contains("测试") && $0.contains("工程师") }.count
            let subtotal = page.split(separator: "\n").first { $0.contains("本页小计") }.map(String.init) ?? ""
            // Each person: 24 public, 48 professional, 72 in all.
            #expect(subtotal.contains("\(rows * 24)") && subtotal.contains("\(rows * 48)") && subtotal.contains("\(rows * 72)"),
                    "\(rows) rows, subtotal line: \(subtotal)")
        }
    }
}

/// 附件2 is written page by page (a city unit's roster is hundreds of pages): the pages must be the
/// ones the whole document would have, footers (第 N 页 共 M 页) included.
@Suite("a document laid out page by page")
struct StreamedLayoutTests {
    @Test func givesThePagesOfTheWholeDocument() throws {
        let records = try JSONSerialization.data(withJSONObject: Samples.records(people: (0..<70).map { Samples.person($0) }))
        let loaded = try RecordsLoader.load(data: records, fileName: "records.json")
        let engine = RulesEngine()
        let roster = Roster(try loaded.records.people.all().map { RosterEntry($0, engine.assess($0, year: loaded.records.year)) })
        let data = DocumentBuilder(records: loaded.records, creator: "cedocs test").annualAudit(roster)
        let composer = DocumentComposer(template: try TemplateSet(folder: Repository.templates)[.annualAudit],
                                        measurer: ShapingContext(library: TestFonts.library))
        let whole = try composer.compose(data).pages
        var streamed: [Page] = []
        let count = try composer.compose(data) { streamed.append($0) }
        #expect(count == whole.count)
        #expect(count >= 3)
        #expect(streamed.map { String(describing: $0.items) } == whole.map { String(describing: $0.items) })
        let footers = streamed.map { page in
            page.items.compactMap { item -> String? in
                if case .text(let text) = item, text.text.hasPrefix("第 ") { return text.text }
                return nil
            }
        }
        #expect(footers.last == ["第 \(count) 页 共 \(count) 页"])
    }
}
