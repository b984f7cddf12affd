import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Service
import TestSupport
import Testing

/// The agency's stamp from its pages (issue 17: 4) over the real server: only the people ticked, a
/// page that streams its progress, the stamp's state on both sides, a tick that is not of the records.
@Suite struct WebStampTests {
    /// Three examined people of Harness.unitName submitted by the unit; the agency signed in, with the
    /// submission's key and the agency's CSRF token.
    static func submitted(_ client: Client) async throws -> (unit: WebBrowser, agency: WebBrowser, key: String, csrf: String) {
        var unit = WebBrowser(client.base)
        _ = try await unit.signIn(Harness.unitToken)
        let csrf = try #require(WebBrowser.csrf(in: try await unit.get("/unit")))
        let records = Samples.records(people: (1...3).map { Samples.person($0, name: ["王小明", "李四", "赵五"][$0 - 1], audit: true) })
        _ = try await unit.upload("/unit/check", fields: ["csrf": csrf], file: "名单.json", try body(records))
        #expect(try await unit.post("/unit/submit", form: ["csrf": csrf]).status == .ok)
        var agency = WebBrowser(client.base)
        _ = try await agency.signIn(Harness.agencyToken)
        let list = try await agency.get("/agency")
        let key = try #require(list.text.range(of: #"name="key" value=""#).map { String(list.text[$0.upperBound...].prefix(24)) })
        return (unit, agency, key, try #require(WebBrowser.csrf(in: list)))
    }

    @Test func onlyTheTickedPeopleAreStampedWithProgress() async throws {
        let harness = try Harness()
        try await harness.run { client in
            var (unit, agency, key, csrf) = try await Self.submitted(client)
            let page = try await agency.get("/agency/submission?key=\(key)")
            // A box per person, each with its label, tied to the stamp form.
            for (n, name) in [(1, "王小明"), (2, "李四"), (3, "赵五")] {
                let id = Samples.idNumber(n)
                #expect(page.text.contains(#"<input type="checkbox" class="pick" id="pick-\#(id)" name="person" value="\#(id)" form="stamp">"#))
                #expect(page.text.contains(#"<label class="inline" for="pick-\#(id)">为\#(name)盖章</label>"#))
            }
            #expect(page.text.contains(#"<form method="post" action="/agency/stamp" class="panel" id="stamp">"#))
            #expect(page.text.contains("未盖章"))

            let (first, third) = (Samples.idNumber(1), Samples.idNumber(3))
            let stamped = try await agency.post("/agency/stamp", fields: [("csrf", csrf), ("key", key), ("person", first), ("person", third)])
            #expect(stamped.status == .ok)
            let html = stamped.text
            // The page as it streamed: the counts upwards, then the outcome and its link, then the frame's end.
            let lines = (1...3).compactMap { html.range(of: "已处理 \($0) / 3 人")?.lowerBound }
            #expect(lines.count == 3 && lines == lines.sorted())
            let outcome = try #require(html.range(of: "盖章完成：出具结果 2 份，未盖章 2 项。"))
            #expect(lines.last! < outcome.lowerBound)
            let link = try #require(html.range(of: #"<a class="button" href="/agency/stamped.zip?key=\#(key)">下载盖章文件（ZIP）</a>"#))
            #expect(outcome.upperBound < link.lowerBound && html.hasSuffix("</html>\n"))
            #expect(html.contains("本次为勾选的 2 人盖章") && html.contains("本次未选中盖章，不出具结果"))
            #expect(html.contains("XZPX-2016-000001") && html.contains("XZPX-2016-000002") && !html.contains("XZPX-2016-000003"))

            // The ZIP holds the two ticked people's stamped files, nothing of the third, no 附件2.
            let entries = try Files.unzip(try await agency.get("/agency/stamped.zip?key=\(key)").data)
            for id in [first, third] {
                for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
                    #expect(entries["people/\(id)/2016/\(file)"] != nil)
                }
            }
            #expect(!entries.keys.contains { $0.contains(Samples.idNumber(2)) || $0.hasPrefix("units/") })
            #expect(try Files.pdfText(try #require(entries["people/\(third)/2016/registration.pdf"])).contains("赵五"))
            let reportFile = try #require(entries["stamp-report.json"])
            let report = try #require(try JSONSerialization.jsonObject(with: reportFile) as? [String: Any])
            #expect((report["issued"] as? [[String: Any]])?.compactMap { $0["serial"] as? String }
                == ["XZPX-2016-000001", "XZPX-2016-000002"])

            // The registry: the two results in force, nothing for the one not ticked.
            let registry = try harness.registry.open(create: false)
            #expect(try registry.current(agency: "XZPX", year: 2016, kind: .person, subject: first)?.serial.description == "XZPX-2016-000001")
            #expect(try registry.current(agency: "XZPX", year: 2016, kind: .person, subject: third)?.serial.description == "XZPX-2016-000002")
            #expect(try registry.current(agency: "XZPX", year: 2016, kind: .person, subject: Samples.idNumber(2)) == nil)
            #expect(try registry.lastSequence(agency: "XZPX", year: 2016) == 2)

            // Both sides see who stamped it, when, and what came of it.
            let state = "已盖章：市职业技术培训中心 于 "
            let list = try await agency.get("/agency")
            #expect(list.text.contains(state) && list.text.contains("出具结果 2 份，未盖章 2 项"))
            #expect(list.text.contains(#"href="/agency/stamped.zip?key=\#(key)""#))
            let unitPage = try await unit.get("/unit")
            #expect(unitPage.text.contains("已提交的记录") && unitPage.text.contains(state) && unitPage.text.contains("2016 年度 3 人（名单.json）"))
        }
    }

    @Test func aTickedPersonNotOfTheSubmissionIsRefused() async throws {
        let harness = try Harness()
        try await harness.run { client in
            var (_, agency, key, csrf) = try await Self.submitted(client)
            let stranger = Samples.idNumber(9)
            let refused = try await agency.post("/agency/stamp", fields: [("csrf", csrf), ("key", key), ("person", Samples.idNumber(1)),
                                                                          ("person", stranger)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("勾选的人员（公民身份号码 \(stranger)）不在单位“\(Harness.unitName)”提交的记录中"))
            #expect(!refused.text.contains("已处理"))
            #expect(try harness.registry.open(create: false).lastSequence(agency: "XZPX", year: 2016) == 0)
            #expect(try await agency.get("/agency/stamped.zip?key=\(key)").status == .notFound)
            #expect(!(try await agency.get("/agency")).text.contains("已盖章"))
        }
    }

    /// On the wire the stamp's page comes in chunks (no Content-Length): a browser shows each line as it comes.
    @Test func theStampPageIsSentInChunks() async throws {
        try await Harness().run { client in
            let (_, agency, key, csrf) = try await Self.submitted(client)
            let cookies = agency.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let form = WebBrowser.encode([("csrf", csrf), ("key", key)])
            let connection = try RawConnection(port: client.port)
            try connection.send("POST /agency/stamp HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookies)\r\nConnection: close\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)")
            let answer = String(decoding: await connection.read(within: 120, untilClosed: true).bytes, as: UTF8.self)
            let head = answer.prefix { $0 != "\r\n" && $0 != "\n" }
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(answer.lowercased().contains("transfer-encoding: chunked") && !answer.lowercased().contains("content-length:"))
            #expect(answer.contains("已处理 3 / 3 人") && answer.contains("盖章完成：出具结果 4 份"))
        }
    }
}
