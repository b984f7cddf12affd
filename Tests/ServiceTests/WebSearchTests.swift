import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// An agency searches the results it issued (issue 17: 4) over the real server: by serial, by
/// 公民身份号码, by name; the person masked; a unit refused; another agency's results never shown.
@Suite struct WebSearchTests {
    @Test func anAgencySearchesItsResultsMasked() async throws {
        try await Harness().run { client in
            var (unit, agency, key, csrf) = try await WebStampTests.submitted(client)
            #expect(try await agency.post("/agency/stamp", form: ["csrf": csrf, "key": key]).text.contains("盖章完成"))
            let home = try await agency.get("/agency")
            #expect(home.text.contains(#"<form method="get" action="/agency/search" class="panel">"#))
            #expect(home.text.contains(#"<label for="q">审验编号、公民身份号码或姓名</label>"#))

            let id = Samples.idNumber(2)
            let byName = try await agency.get("/agency/search?q=\(Self.query("李四"))")
            #expect(byName.status == .ok && byName.text.contains("找到 1 份审验结果"))
            #expect(byName.text.contains("XZPX-2016-000002") && byName.text.contains("李*"))
            #expect(byName.text.contains("**************" + id.suffix(4)))
            #expect(!byName.text.contains("李四<") && !byName.text.contains(id))
            #expect(byName.text.contains(Harness.unitName) && byName.text.contains("合格") && byName.text.contains("2017-02-10"))
            #expect(byName.text.contains("现行有效"))
            let byID = try await agency.get("/agency/search?q=\(id)")
            #expect(byID.text.contains("XZPX-2016-000002") && !byID.text.contains("XZPX-2016-000001"))
            let bySerial = try await agency.get("/agency/search?q=xzpx-2016-000004")
            #expect(bySerial.text.contains("XZPX-2016-000004") && bySerial.text.contains("（单位年度审验表）"))
            let none = try await agency.get("/agency/search?q=\(Self.query("王五六"))")
            #expect(none.status == .ok && none.text.contains("没有找到与“王五六”相符的审验结果"))

            // Another agency finds nothing of XZPX's; a unit may not search at all.
            var county = WebBrowser(client.base)
            _ = try await county.signIn(Harness.countyToken)
            let theirs = try await county.get("/agency/search?q=XZPX-2016-000002")
            #expect(theirs.status == .ok && !theirs.text.contains("XZPX-2016-000002</td>") && theirs.text.contains("没有找到"))
            #expect(try await county.get("/agency/search?q=\(id)").text.contains("没有找到"))
            let refused = try await unit.get("/agency/search?q=\(id)")
            #expect(refused.status == .forbidden && refused.text.contains("此页面只供审验机构使用"))
        }
    }

    /// `text` percent-encoded for a URL's query, as a browser sends it.
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")) ?? text
    }
}
