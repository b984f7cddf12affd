import Layout
import Render
import Testing
import TestSupport

@Suite("Summed table columns carry numbers: 本页小计 and 合计 are exact to hundredths")
struct TableSumTests {
    let shaping = ShapingContext(library: TestFonts.library)

    /// A table of 名称 and 学时 with both sums, its rows (and sum rows) `rowHeight` mm high on an A5
    /// page of 170 mm of content.
    static func template(rowHeight: Int) -> String {
        """
        name: sums
        title: 合计
        page: { size: A5, margins: [20, 14, 20, 14] }
        styles:
          body: { role: song, size: 10.5 }
          label: { role: hei, size: 10.5 }
        sections:
          - blocks:
              - type: table
                source: rows
                header_height: 10
                row_height: \(rowHeight)
                max_row_height: \(rowHeight)
                subtotal: { label: 本页小计, sum: [hours] }
                total: { label: 合计, sum: [hours] }
                columns:
                  - { header: 名称, width: 80, field: name }
                  - { header: 学时, width: 40, field: hours }
        """
    }

    /// The texts of each page, in drawing order.
    func pages(_ amounts: [Double], rowHeight: Int) throws -> [[String]] {
        let template = try Template.parse(yaml: Self.template(rowHeight: rowHeight), file: "sums.yaml")
        // Two decimals, as the documents print hours: a one-decimal sum would show 10.55 as 10.6.
        let rows = TableRows(amounts.enumerated().map { index, amount in
            TableRow(text: ["name": "第\(index + 1)项"], amounts: ["hours": amount])
        }, amountFormat: { String(format: "%.2f", $0) })
        let data = DocumentData(fields: [:], tables: ["rows": rows], subject: "测试",
                                metadata: DocumentMetadata(title: "t", author: "t"))
        let document = try DocumentComposer(template: template, measurer: shaping).compose(data)
        return document.pages.map { page in
            page.items.compactMap { if case .text(let item) = $0 { item.text } else { nil } }
        }
    }

    @Test("10.25 and 0.3 on one page: the row prints 10.25 and the sums 10.55")
    func onePage() throws {
        let pages = try pages([10.25, 0.3], rowHeight: 10)
        #expect(pages.count == 1)
        let texts = pages[0]
        #expect(texts.contains("10.25"))
        #expect(texts.contains("0.30"))
        // 本页小计 and 合计 alike.
        #expect(texts.filter { $0 == "10.55" }.count == 2, "\(texts)")
        #expect(!texts.contains("10.6") && !texts.contains("10.3"))
    }

    @Test("across a page break each page sums its own rows, and 合计 all of them")
    func acrossPages() throws {
        // Rows of 50 mm: two rows and 本页小计 fill the first page; the last row needs room for 合计 too.
        let pages = try pages([10.25, 0.3, 0.3], rowHeight: 50)
        #expect(pages.count == 2, "\(pages)")
        #expect(pages[0].contains("10.25") && pages[0].contains("10.55"), "\(pages[0])")
        #expect(!pages[0].contains("合计"))
        #expect(pages[1].filter { $0 == "0.30" }.count == 2, "row and 本页小计: \(pages[1])")
        #expect(pages[1].contains("合计") && pages[1].contains("10.85"), "\(pages[1])")
    }

    @Test("a table summed without amounts in its data is refused, not printed as zero")
    func noAmounts() throws {
        let template = try Template.parse(yaml: Self.template(rowHeight: 10), file: "sums.yaml")
        let data = DocumentData(fields: [:], tables: ["rows": [["name": "甲", "hours": "3"]]], subject: "测试",
                                metadata: DocumentMetadata(title: "t", author: "t"))
        #expect(throws: LayoutError.self) { try DocumentComposer(template: template, measurer: shaping).compose(data) }
    }
}
