import Foundation
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
            #expect(page.contains("合") && page.contains("计"))
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
            // 500 people × 72 hours: the grand total in the last page's 合计 row.
            #expect(pages.last!.contains("36000"))
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
