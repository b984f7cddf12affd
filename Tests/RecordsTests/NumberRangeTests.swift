import Foundation
import Testing
@testable import Records

/// Every number of a records file has a range; a value outside it is refused at its path, in words
/// a clerk understands, and never reaches the rules (issue 11: 1e17 hours ended the process).
@Suite("Numbers outside their range are refused with their path")
struct NumberRangeTests {
    private let p = "people[0].activities[0].params"

    private func problems(params: Fixture.Object = [:], activity: Fixture.Object = [:]) throws -> [RecordsProblem] {
        var changes = activity
        if !params.isEmpty { changes["params"] = params }
        return try Fixture.personProblems(Fixture.person(["activities": [Fixture.activity(changes)]]))
    }

    @Test("each crash case of issue 11 is an error at its JSON path")
    func issueCases() throws {
        // (params, key, start of the message; the literal as JSONSerialization writes it follows)
        let cases: [(Fixture.Object, String, String, String)] = [
            (["approved_hours": 1e17], "approved_hours", "核定学时 ", "不合理，最多为 288（一次活动最多认定两年的学时），应是录入错误"),
            (["approved_hours": 1e308], "approved_hours", "核定学时 ", "不合理，最多为 288（一次活动最多认定两年的学时），应是录入错误"),
            (["courses": 9_007_199_254_740_992], "courses", "通过课程数 ", "不合理，最多为 50（一个专业的全部课程也不过二十多门），应是录入错误"),
            (["taught_hours": 1e308], "taught_hours", "授课学时 ", "不合理，最多为 1000（一年满课也不过六百学时左右），应是录入错误"),
            (["months": 1e17], "months", "月数 ", "不合理，最多为 60（不超过五年），应是录入错误"),
            (["graduated": 1e308], "graduated", "是否毕业 graduated应为 true 或 false，实际为数字 ", ""),
        ]
        for (params, key, start, end) in cases {
            let found = try problems(params: params)
            #expect(found.map(\.path) == ["\(p).\(key)"])
            #expect(found.first.map { $0.message.hasPrefix(start) && $0.message.hasSuffix(end) } == true, "\(found)")
        }
    }

    @Test("bounds: the largest sensible value passes, one past it is refused")
    func bounds() throws {
        let inRange: [Fixture.Object] = [["days": 2], ["chars": 10_000_000], ["rank": 999], ["grade": 9],
                                         ["courses": 50], ["taught_hours": 1000], ["approved_hours": 288], ["months": 60]]
        for params in inRange { #expect(try problems(params: params).isEmpty, "\(params)") }
        let past: [(Fixture.Object, String)] = [(["days": 1831], "days"), (["chars": 10_000_001], "chars"),
                                                (["rank": 1000], "rank"), (["grade": 10], "grade"),
                                                (["courses": 51], "courses"), (["taught_hours": 1000.5], "taught_hours"),
                                                (["approved_hours": 288.01], "approved_hours"), (["months": 60.5], "months")]
        for (params, key) in past {
            let found = try problems(params: params)
            #expect(found.map(\.path) == ["\(p).\(key)"])
            #expect(found.first?.message.contains("不合理，最多为") == true)
        }
        let claim = try problems(activity: ["hours": 1e308])
        #expect(claim.map(\.path) == ["people[0].activities[0].hours"])
        #expect(claim.first?.message.hasSuffix("不合理，最多为 288（一次活动最多认定两年的学时），应是录入错误") == true)
    }

    @Test("a huge integer is told as too large, not as not an integer")
    func hugeIntegers() throws {
        let found = try problems(params: ["chars": 1e300])
        #expect(found.first?.message.hasSuffix("不合理，最多为 10000000（一千万字已远超任何一部著作），应是录入错误") == true)
        #expect(try problems(params: ["rank": 2.5]).first?.message == "排名应为整数，实际为 2.5")
    }

    @Test("graduated must be a boolean; true and false pass")
    func graduated() throws {
        let study: Fixture.Object = ["kind": "degree_study", "start": "2013-09-01", "end": "2016-06-30"]
        #expect(try problems(params: ["graduated": true], activity: study).isEmpty)
        #expect(try problems(params: ["graduated": false], activity: study).isEmpty)
        #expect(try problems(params: ["graduated": "是"], activity: study).map(\.path) == ["\(p).graduated"])
    }

    @Test("the regression files of the fuzz target load without a trap, each person refused at its path")
    func regressionFiles() throws {
        let folder = Fixture.exampleURL.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fuzz/regressions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 8)
        for name in files where name.hasPrefix("issue11-") {
            let loaded = try Fixture.load(try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(loaded.records.people.count == 0, "\(name)")
            let problems = loaded.rejected.first?.problems ?? []
            #expect(problems.contains { $0.path.hasPrefix("people[0].activities[1]") && $0.isError }, "\(name)")
        }
    }
}

@Suite("Loading keeps a bounded number of problems and counts the rest")
struct ProblemLimitTests {
    @Test("a file of many bad people keeps the first problems and counts them all")
    func limit() throws {
        let people = Array(repeating: 1, count: 2_500)
        let data = Fixture.file(people: people)
        let loaded = try RecordsLoader.load(RecordsBytes(data, fileName: "many.json"), keepingProblems: 1_000)
        #expect(loaded.problems.count == 1_000)
        #expect(loaded.rejected.count == 1_000)
        #expect(loaded.rejected.last?.index == 999)
        #expect(loaded.counts == ProblemCounts(errors: 2_500, warnings: 0, rejectedPeople: 2_500, rejectedProblems: 2_500))
        // Without a limit, everything is kept, as before.
        let all = try Fixture.load(data)
        #expect(all.rejected.count == 2_500)
        #expect(all.counts.rejectedPeople == 2_500)
    }
}

@Suite("Unknown keys: the suggestion costs a bounded amount")
struct UnknownKeyTests {
    @Test("a misspelt key is answered with the near one")
    func nearKey() throws {
        let found = try Fixture.personProblems(Fixture.person(["titel": "主治医师"]))
        #expect(found.first?.message.hasPrefix("未知字段\"titel\"，是否应为\"title\"？") == true)
    }

    @Test("a 10 MB key gets no suggestion, and its path and message show it cut short")
    func hugeKey() throws {
        let key = String(repeating: "k", count: 10 << 20)
        let problems = Fixture.fileProblems(Fixture.text("{\"\(key)\": 1}"))
        let unknown = try #require(problems.first { $0.message.hasPrefix("未知字段") })
        let shown = String(repeating: "k", count: 32) + "…（共 10485760 个字符）"
        #expect(unknown.path == shown)
        #expect(unknown.message.hasPrefix("未知字段\"\(String(repeating: "k", count: 32))"))
        #expect(!unknown.message.contains("是否应为"))
        #expect(unknown.message.utf8.count < 400)
    }
}
