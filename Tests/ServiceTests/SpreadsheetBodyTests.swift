import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// /v1/check and /v1/render take a unit's workbook or CSV as the body; problems carry the sheet and cell.
@Suite struct SpreadsheetBodyTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/SpreadsheetTests/Fixtures")
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @Test func checkTakesACSVInGBKAndAWorkbook() async throws {
        let csv = try Data(contentsOf: Self.fixtures.appendingPathComponent("example-gbk.csv"))
        let workbook = try Data(contentsOf: Self.fixtures.appendingPathComponent("example-libreoffice.xlsx"))
        try await Harness().run { client in
            for (body, type) in [(csv, "text/csv"), (workbook, Self.xlsx)] {
                let response = try await client.post("/v1/check", token: Harness.agencyToken, records: body,
                                                      headers: [.contentType: type])
                #expect(response.status == .ok, "\(type): \(String(buffer: response.body))")
                let people = response.json["people"] as? [[String: Any]] ?? []
                #expect(people.count == 3)
                #expect(people.first?["place"] as? String == (type == Self.xlsx ? "人员 第 2 行" : "records.csv 第 2 行"))
            }
        }
    }

    @Test func anUnusableWorkbookIsRefusedWithTheCell() async throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("example-utf8.csv"), encoding: .utf8)
            .replacingOccurrences(of: "市直,2016,", with: "市直,1999,")
        try await Harness().run { client in
            let response = try await client.post("/v1/render/annual-audit", token: Harness.agencyToken,
                                                 records: Data(text.utf8), headers: [.contentType: "text/csv; charset=utf-8"])
            #expect(response.status == .unprocessableContent)
            let places = (response.error["problems"] as? [[String: Any]] ?? []).compactMap { $0["place"] as? String }
            #expect(places == ["records.csv!E2（审验年度）"], "\(String(buffer: response.body))")
            let other = try await client.post("/v1/check", token: Harness.agencyToken, records: Data("a,b".utf8),
                                              headers: [.contentType: "application/vnd.ms-excel"])
            #expect(other.status == .unsupportedMediaType)
        }
    }
}
