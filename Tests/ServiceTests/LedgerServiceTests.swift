import Foundation
import Hummingbird
import HummingbirdTesting
import Rules
import TestSupport
import Testing

/// Earlier years (学时台账) over the real server: an agency's check, documents and view of a submission
/// judge a year with its registry's ledger, as its stamp does; a unit's judge the year alone and say so;
/// a stamp that changes a later year's result says which over HTTP.
@Suite struct LedgerServiceTests {
    static let id = Samples.idNumber(7)
    static let carried = "上年度结转：2016年度《心血管介入高级研修班》72学时（细则四(四)，一次最多认定两年的学时）"

    /// The 高级 person's records of `year` (`Samples.seminarYear`) as a request's body.
    static func records(_ year: Int, seminar: Bool) throws -> Data {
        try body(Samples.seminarYear(year, seminar: seminar, id: id))
    }

    static func stampReport(_ response: TestResponse) throws -> [String: Any] {
        let entry = try #require(try Files.unzip(response.data)["stamp-report.json"])
        return try #require(try JSONSerialization.jsonObject(with: entry) as? [String: Any])
    }

    static let noteHeader = HTTPFields.Element.Name("Cedocs-Note")!

    @Test func theAgencyJudgesWithItsLedgerAndAUnitIsToldItCannot() async throws {
        let (year1, year2) = (try Self.records(2016, seminar: true), try Self.records(2017, seminar: false))
        try await Harness().run { client in
            // Year 2 stamped first (不合格: 24 hours), then year 1: the stamp says year 2 changed.
            let first = try await client.post("/v1/stamp", token: Harness.agencyToken, records: year2)
            #expect(first.status == .ok)
            #expect((try Self.stampReport(first)["later_years"] as? [[String: Any]])?.isEmpty == true)
            let second = try await client.post("/v1/stamp", token: Harness.agencyToken, records: year1)
            #expect(second.status == .ok)
            let later = try #require(try Self.stampReport(second)["later_years"] as? [[String: Any]])
            #expect(later.count == 1)
            #expect(later.first?["id_number"] as? String == Self.id && later.first?["year"] as? Int == 2017)
            #expect(later.first?["verdict"] as? String == "合格")
            #expect((later.first?["summary"] as? String)?.contains("总学时 24 → 96，不合格 → 合格") == true, "\(later)")

            // The agency's check of year 2: the carried line and the verdict its stamp issues.
            let agencyCheck = try await client.post("/v1/check", token: Harness.agencyToken, records: year2)
            #expect(agencyCheck.status == .ok && agencyCheck.json["notes"] == nil)
            let person = try #require((agencyCheck.json["people"] as? [[String: Any]])?.first)
            #expect(person["verdict"] as? String == "合格" && person["total_hours"] as? Double == 96)
            let credit = try #require((person["credits"] as? [[String: Any]])?.first)
            #expect(credit["explanation"] as? String == Self.carried)

            // A unit's check of the same records: the year alone, and the note saying so.
            let unitCheck = try await client.post("/v1/check", token: Harness.unitToken, records: year2)
            #expect(unitCheck.status == .ok)
            #expect(unitCheck.json["notes"] as? [String] == [Ledger.absentNote])
            let alone = try #require((unitCheck.json["people"] as? [[String: Any]])?.first)
            #expect(alone["verdict"] as? String == "不合格" && alone["total_hours"] as? Double == 24 && alone["credits"] == nil)

            // The documents: the agency's 附件1 shows the carried line; the unit's does not and its header says why.
            let uri = "/v1/render/registration?person=\(Self.id)"
            let agencyPDF = try await client.post(uri, token: Harness.agencyToken, records: year2)
            #expect(agencyPDF.status == .ok && agencyPDF.headers[Self.noteHeader] == nil)
            #expect(try Files.pdfText(agencyPDF.data).filter { !$0.isWhitespace }.contains("上年度结转：2016年度《心血管介入高级研修班》72学时"))
            let unitPDF = try await client.post(uri, token: Harness.unitToken, records: year2)
            #expect(unitPDF.status == .ok)
            #expect(unitPDF.headers[Self.noteHeader]?.removingPercentEncoding == Ledger.absentNote)
            #expect(!(try Files.pdfText(unitPDF.data)).contains("上年度结转："))
            let roster = try await client.post("/v1/render/annual-audit", token: Harness.unitToken, records: year2)
            #expect(roster.headers[Self.noteHeader]?.removingPercentEncoding == Ledger.absentNote)

            // The pages: the unit's table carries the note; the agency's view of the submission the carried line.
            var unit = WebBrowser(client.base)
            _ = try await unit.signIn(Harness.unitToken)
            let csrf = try #require(WebBrowser.csrf(in: try await unit.get("/unit")))
            let table = try await unit.upload("/unit/check", fields: ["csrf": csrf], file: "2017.json", year2)
            #expect(table.status == .ok && table.text.contains("注意：\(Ledger.absentNote)"))
            #expect(!table.text.contains("上年度结转："))
            let preview = try await unit.get("/unit/preview/registration.png?person=\(Self.id)")
            #expect(preview.status == .ok && preview.headers[Self.noteHeader]?.removingPercentEncoding == Ledger.absentNote)
            #expect(try await unit.post("/unit/submit", form: ["csrf": csrf]).status == .ok)

            var agency = WebBrowser(client.base)
            _ = try await agency.signIn(Harness.agencyToken)
            // The list's counts are the unit's own check (year alone, 0 / 1), and it says so.
            let list = try await agency.get("/agency")
            #expect(list.text.contains("单位自查的结论按本年度记录单独得出") && list.text.contains(">0 / 1<"), "\(list.text)")
            let key = try #require(list.text.range(of: #"name="key" value=""#).map { String(list.text[$0.upperBound...].prefix(24)) })
            let view = try await agency.get("/agency/submission?key=\(key)")
            #expect(view.status == .ok && view.text.contains(Self.carried), "\(view.text)")
            #expect(view.text.contains(#"class="good">合格"#) && !view.text.contains("未提供学时台账"))
        }
    }

    /// The 聘任周期 (细则二) on the agency's view of a submission: 2016 and 2017 stamped, the unit's 2018
    /// (16 hours) passes over the cycle and the table says how; the unit's own table, judged alone, fails it.
    @Test func theAgencysTableShowsTheCycleThatDecided() async throws {
        let id = Samples.idNumber(9)
        try await Harness().run { client in
            for year in [2016, 2017] {
                let stamped = try await client.post("/v1/stamp", token: Harness.agencyToken,
                                                    records: try body(Samples.cycleYear(year, id: id)))
                #expect(stamped.status == .ok)
            }
            let year3 = try body(Samples.cycleYear(2018, id: id))
            var unit = WebBrowser(client.base)
            _ = try await unit.signIn(Harness.unitToken)
            let csrf = try #require(WebBrowser.csrf(in: try await unit.get("/unit")))
            let table = try await unit.upload("/unit/check", fields: ["csrf": csrf], file: "2018.json", year3)
            #expect(table.status == .ok && table.text.contains(#"class="bad">不合格"#) && !table.text.contains("聘任周期2016—2018"))
            #expect(try await unit.post("/unit/submit", form: ["csrf": csrf]).status == .ok)

            var agency = WebBrowser(client.base)
            _ = try await agency.signIn(Harness.agencyToken)
            let list = try await agency.get("/agency")
            let key = try #require(list.text.range(of: #"name="key" value=""#).map { String(list.text[$0.upperBound...].prefix(24)) })
            let view = try await agency.get("/agency/submission?key=\(key)")
            #expect(view.text.contains(#"class="good">合格"#), "\(view.text)")
            #expect(view.text.contains("聘任周期2016—2018年度第3年（最后一年）：周期累计总学时 216，应达 216"), "\(view.text)")
        }
    }
}
