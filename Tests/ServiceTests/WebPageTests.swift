import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// The pages (issue 17) over the real server, as a browser uses them: sign-in and its cookie, CSRF,
/// who may see what, expiry, sign-out, the unit's upload, table and downloads, the verify page.
@Suite struct WebPageTests {
    @Test func signInGivesASessionCookieAndNeverTheToken() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            let form = try await browser.get("/sign-in")
            #expect(form.status == .ok && form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.text.contains(#"<label for="token">访问令牌</label>"#) && form.text.contains(#"id="token""#))
            #expect(form.text.contains(#"<meta name="viewport""#))
            let signedIn = try await browser.signIn(Harness.unitToken)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/unit")
            let session = try #require(browser.setCookies.last { $0.hasPrefix("cedocs_session=") })
            #expect(session.contains("; HttpOnly") && session.contains("; SameSite=Strict") && session.contains("; Path=/"))
            #expect(!session.contains("Secure"))
            #expect(!browser.setCookies.joined().contains(Harness.unitToken))
            let page = try await browser.get("/unit")
            #expect(page.status == .ok && page.text.contains("<h1>\(Harness.unitName)</h1>"))
            #expect(!page.text.contains(Harness.unitToken))
            #expect(try await browser.get("/").headers[.location] == "/unit")

            // Behind a proxy that took the request over TLS, the cookie is Secure.
            var proxied = WebBrowser(client.base)
            proxied.extraHeaders[HTTPFields.Element.Name("X-Forwarded-Proto")!] = "https"
            #expect(try await proxied.signIn(Harness.agencyToken).headers[.location] == "/agency")
            #expect(proxied.setCookies.filter { $0.hasPrefix("cedocs_") }.allSatisfy { $0.contains("; Secure") })
        }
    }

    @Test func wrongTokensAndTheBureauAreRefusedInWords() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            let wrong = try await browser.signIn("not-a-token")
            #expect(wrong.status == .unauthorized && wrong.text.contains("访问令牌不正确"))
            #expect(browser.cookies["cedocs_session"] == nil)
            let bureau = try await browser.signIn(Harness.bureauToken)
            #expect(bureau.status == .forbidden && bureau.text.contains("市职称办的令牌"))
            // The sign-in form's own CSRF pair: a post without the cookie's value is refused.
            var other = WebBrowser(client.base)
            let forged = try await other.post("/sign-in", form: ["csrf": "guessed", "token": Harness.unitToken])
            #expect(forged.status == .forbidden && forged.text.contains("登录表单已失效"))
            #expect(other.cookies["cedocs_session"] == nil)
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            let example = try Data(contentsOf: Repository.example)
            let upload = try await browser.upload("/unit/check", fields: [:], file: "example.json", example)
            #expect(upload.status == .forbidden && upload.text.contains("表单已失效"))
            let wrong = try await browser.upload("/unit/check", fields: ["csrf": "wrong"], file: "example.json", example)
            #expect(wrong.status == .forbidden)
            let signOut = try await browser.post("/sign-out", form: [:])
            #expect(signOut.status == .forbidden)
            // Still signed in: nothing was done.
            #expect(try await browser.get("/unit").status == .ok)
        }
    }

    @Test func aSessionSeesItsOwnPagesAlone() async throws {
        try await Harness().run { client in
            var unit = WebBrowser(client.base)
            _ = try await unit.signIn(Harness.otherUnitToken)
            let agencyPage = try await unit.get("/agency")
            #expect(agencyPage.status == .forbidden && agencyPage.text.contains("此页面只供审验机构使用"))
            // Another unit's records (the example is 徐州市第一人民医院's): refused, not checked.
            let page = try await unit.get("/unit")
            let csrf = try #require(WebBrowser.csrf(in: page))
            let other = try await unit.upload("/unit/check", fields: ["csrf": csrf], file: "example.json",
                                              try Data(contentsOf: Repository.example))
            #expect(other.status == .forbidden && other.text.contains("只能处理本单位的记录"))
            #expect(!other.text.contains("张卫东"))
            #expect(try await unit.get("/unit/print-job.pdf").status == .notFound)

            var agency = WebBrowser(client.base)
            _ = try await agency.signIn(Harness.agencyToken)
            let agencyHome = try await agency.get("/agency")
            #expect(agencyHome.status == .ok && agencyHome.text.contains("徐州市职业技术培训中心"))
            let unitPage = try await agency.get("/unit")
            #expect(unitPage.status == .forbidden && unitPage.text.contains("此页面只供单位使用"))
        }
    }

    @Test func anExpiredSessionGoesBackToSignIn() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.sessionMinutes = 0.05  // 3 s: room for the first request on a loaded machine
        // The test client's one connection must outlive the wait (a browser would simply open another).
        limits.idleSeconds = 60
        try await Harness(limits: limits).run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            #expect(try await browser.get("/unit").status == .ok)
            try await Task.sleep(for: .milliseconds(3500))
            let expired = try await browser.get("/unit")
            #expect(expired.status == .seeOther && expired.headers[.location] == "/sign-in?reason=expired")
            #expect(browser.cookies["cedocs_session"] == nil)
            let signIn = try await browser.get("/sign-in?reason=expired")
            #expect(signIn.text.contains("登录已过期"))
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            let session = try #require(browser.cookies["cedocs_session"])
            let page = try await browser.get("/unit")
            let out = try await browser.post("/sign-out", form: ["csrf": try #require(WebBrowser.csrf(in: page))])
            #expect(out.status == .seeOther && out.headers[.location] == "/sign-in?reason=signed-out")
            #expect(browser.cookies["cedocs_session"] == nil)
            // The old cookie is worth nothing now, even sent again by hand.
            var replay = WebBrowser(client.base)
            replay.extraHeaders[.cookie] = "cedocs_session=\(session)"
            let again = try await replay.get("/unit")
            #expect(again.status == .seeOther && again.headers[.location] == "/sign-in?reason=expired")
        }
    }

    @Test func aUnitUploadsSeesItsTableAndDownloadsItsDocuments() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            let csrf = try #require(WebBrowser.csrf(in: try await browser.get("/unit")))
            let one = Samples.person(1, name: "王<b>小明</b>")
            let broken = Samples.records(people: [one, Samples.person(2, name: "李四", activities: [Samples.activity(hours: -3)])])
            let checked = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "名单.json", try body(broken))
            #expect(checked.status == .ok)
            let html = checked.text
            // A row per person, escaped; the broken one with its path and the verdict withheld.
            #expect(html.contains("王&lt;b&gt;小明&lt;/b&gt;") && !html.contains("<b>小明"))
            #expect(html.contains("李四") && html.contains("people[1].activities[0]"))
            #expect(html.contains("检查结果：名单.json（2016 年度）"))
            #expect(html.contains("全部无误后才能下载"))
            #expect(try await browser.get("/unit/print-job.pdf").status == .unprocessableContent)

            let good = Samples.records(people: [Samples.person(1, name: "王小明"), Samples.person(2, name: "李四")])
            let clean = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "名单.json", try body(good))
            #expect(clean.status == .ok && clean.text.contains("合格") && clean.text.contains("/unit/print-job.pdf"))
            let printJob = try await browser.get("/unit/print-job.pdf")
            #expect(printJob.status == .ok && printJob.headers[.contentType] == "application/pdf")
            let text = try Files.pdfText(Data(printJob.body.readableBytesView))
            #expect(text.contains("王小明") && text.contains("李四"))
            let roster = try await browser.get("/unit/annual-audit.pdf")
            #expect(roster.status == .ok)
            #expect(try Files.pdfText(Data(roster.body.readableBytesView)).contains(Samples.idNumber(2)))

            // Previews of the first pages: 附件1 portrait, 附件2 landscape, both A4 at 72 dpi.
            #expect(clean.text.contains("/unit/preview/registration.png?person=\(Samples.idNumber(1))"))
            let registration = try await browser.get("/unit/preview/registration.png?person=\(Samples.idNumber(1))")
            #expect(registration.status == .ok && registration.headers[.contentType] == "image/png")
            #expect(Self.pngSize(registration.data) == [595, 842])
            let annual = try await browser.get("/unit/preview/annual-audit.png")
            #expect(annual.status == .ok && Self.pngSize(annual.data) == [842, 595])
            #expect(try await browser.get("/unit/preview/registration.png?person=nobody").status == .notFound)
        }
    }

    @Test func aUnitDownloadsAZipOfEverything() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            #expect(try await browser.get("/unit/documents.zip").status == .notFound)  // nothing uploaded yet
            let csrf = try #require(WebBrowser.csrf(in: try await browser.get("/unit")))
            let records = Samples.records(people: [Samples.person(1, name: "王小明"), Samples.person(2, name: "李四")])
            let page = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "名单.json", try body(records))
            #expect(page.text.contains(#"href="/unit/documents.zip""#))
            let zip = try await browser.get("/unit/documents.zip")
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            let entries = try Files.unzip(zip.data)
            let people = [(Samples.idNumber(1), "王小明"), (Samples.idNumber(2), "李四")]
            #expect(Set(entries.keys) == Set(people.flatMap { id, _ in
                ["people/\(id)/2016/registration.pdf", "people/\(id)/2016/certificate.pdf"]
            } + ["registrations-2016.pdf", "annual-audit-2016.pdf"]))
            for (id, name) in people {
                #expect(try Files.pdfText(try #require(entries["people/\(id)/2016/registration.pdf"])).contains(name))
                #expect(try Files.pdfText(try #require(entries["people/\(id)/2016/certificate.pdf"])).contains(name))
            }
            let printJob = try Files.pdfText(try #require(entries["registrations-2016.pdf"]))
            #expect(printJob.contains("王小明") && printJob.contains("李四"))
            #expect(try Files.pdfText(try #require(entries["annual-audit-2016.pdf"])).contains(Samples.idNumber(2)))
        }
    }

    /// Width and height from a PNG's IHDR; empty for anything that is not a PNG.
    static func pngSize(_ data: Data) -> [Int] {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return [] }
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return [number(16), number(20)]
    }

    @Test func aUnitSubmitsAndItsAgencyStampsTheSubmission() async throws {
        try await Harness().run { client in
            var unit = WebBrowser(client.base)
            _ = try await unit.signIn(Harness.unitToken)
            let csrf = try #require(WebBrowser.csrf(in: try await unit.get("/unit")))
            // Examined by the agency (`audit`): those are the people a stamp issues results for.
            let records = Samples.records(people: [Samples.person(1, name: "王小明", audit: true),
                                                   Samples.person(2, name: "李四", audit: true)])
            _ = try await unit.upload("/unit/check", fields: ["csrf": csrf], file: "名单.json", try body(records))
            #expect(try await unit.post("/unit/submit", form: [:]).status == .forbidden)
            let submitted = try await unit.post("/unit/submit", form: ["csrf": csrf])
            #expect(submitted.status == .ok && submitted.text.contains("2016 年度 2 人的记录（名单.json）提交给审验机构"))
            #expect(try await unit.post("/agency/stamp", form: ["csrf": csrf]).status == .forbidden)

            // Another district's agency neither sees it nor may stamp it.
            var county = WebBrowser(client.base)
            _ = try await county.signIn(Harness.countyToken)
            let countyPage = try await county.get("/agency")
            #expect(countyPage.status == .ok && !countyPage.text.contains(Harness.unitName))

            var agency = WebBrowser(client.base)
            _ = try await agency.signIn(Harness.agencyToken)
            let list = try await agency.get("/agency")
            #expect(list.status == .ok && list.text.contains(Harness.unitName) && list.text.contains("测试单位人事处"))
            let key = try #require(list.text.range(of: #"name="key" value=""#).map { String(list.text[$0.upperBound...].prefix(24)) })
            let agencyCSRF = try #require(WebBrowser.csrf(in: list))
            let countyCSRF = try #require(WebBrowser.csrf(in: countyPage))
            #expect(try await county.post("/agency/stamp", form: ["csrf": countyCSRF, "key": key]).status == .forbidden)
            #expect(try await county.get("/agency/submission?key=\(key)").status == .forbidden)
            #expect(try await unit.get("/agency/submission?key=\(key)").status == .forbidden)
            let one = try await agency.get("/agency/submission?key=\(key)")
            #expect(one.status == .ok && one.text.contains("王小明") && one.text.contains("李四") && one.text.contains("测试单位人事处"))
            #expect(try await agency.get("/agency/submission?key=000000000000000000000000").status == .notFound)
            #expect(try await agency.post("/agency/stamp", form: ["key": key]).status == .forbidden)

            #expect(try await agency.get("/agency/stamped.zip?key=\(key)").status == .notFound)  // not stamped yet
            let stamped = try await agency.post("/agency/stamp", form: ["csrf": agencyCSRF, "key": key])
            #expect(stamped.status == .ok && stamped.headers[.contentType] == "text/html; charset=utf-8")
            #expect(stamped.text.contains("盖章完成：出具结果 3 份") && stamped.text.contains("/agency/stamped.zip?key=\(key)"))
            #expect(try await county.get("/agency/stamped.zip?key=\(key)").status == .forbidden)
            #expect(try await unit.get("/agency/stamped.zip?key=\(key)").status == .forbidden)
            let zip = try await agency.get("/agency/stamped.zip?key=\(key)")
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            let entries = try Files.unzip(zip.data)
            let reportFile = try #require(entries["stamp-report.json"])
            let report = try #require(try JSONSerialization.jsonObject(with: reportFile) as? [String: Any])
            #expect((report["issued"] as? [[String: Any]])?.count == 3)  // two people and the unit's 附件2
            let registration = try #require(entries["people/\(Samples.idNumber(1))/2016/registration.pdf"])
            #expect(try Files.pdfText(registration).contains("王小明"))
        }
    }

    @Test func uploadsThatAreNotRecordsAreRefusedInWords() async throws {
        var limits = ServiceConfiguration.Limits()
        limits.bodyBytes = 4096
        try await Harness(limits: limits).run { client in
            var browser = WebBrowser(client.base)
            _ = try await browser.signIn(Harness.unitToken)
            let csrf = try #require(WebBrowser.csrf(in: try await browser.get("/unit")))
            let text = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "说明.txt", Data("你好".utf8))
            #expect(text.status == .unsupportedMediaType && text.text.contains("“说明.txt”不是记录文件"))
            let notJSON = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "a.json", Data("{ nope".utf8))
            #expect(notJSON.status == .unprocessableContent && notJSON.text.contains("记录文件无法使用"))
            let large = try await browser.upload("/unit/check", fields: ["csrf": csrf], file: "big.json",
                                                 Data(repeating: 0x20, count: 6000))
            #expect(large.status == .contentTooLarge && large.text.contains("文件过大：一次最多上传 4 KB"))
            // Each refusal leaves the form there to try again, still signed in.
            #expect(large.text.contains(#"<input type="file""#))
        }
    }

    @Test func theVerifyPageAsksForASerialAndAnswersInTheSameLook() async throws {
        try await Harness().run { client in
            var browser = WebBrowser(client.base)
            let form = try await browser.get("/verify")
            #expect(form.status == .ok && form.text.contains(#"<label for="serial">审验编号</label>"#))
            #expect(form.text.contains(#"<label for="code">"#))
            let unknown = try await browser.get("/verify?serial=xzpx-2016-999999&code=ABCD")
            #expect(unknown.status == .notFound && unknown.text.contains("审验结果无效"))
            #expect(unknown.text.contains("徐州市专业技术人员继续教育年度验审") && unknown.text.contains(#"value="XZPX-2016-999999""#))
            let bad = try await browser.get("/verify?serial=nonsense")
            #expect(bad.status == .badRequest && bad.text.contains("不是审验编号"))
        }
    }
}
