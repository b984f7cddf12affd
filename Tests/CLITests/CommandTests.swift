import Foundation
import Testing
import TestSupport

/// The `cedocs` executable as a clerk runs it: exit statuses, messages, files.
@Suite("cedocs check and render")
struct CommandTests {
    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    @Test("check on the example: hours, clauses, verdicts, summary; exit 0")
    func checkExample() throws {
        let result = try cedocs(["check", Repository.example.path])
        #expect(result.status == 0, "\(result.stderr)")
        for expected in ["全国性学术会议 3天×12学时 = 36学时（细则四(五)）", "合计 74", "结论：合格",
                         "不合格：总学时 36，应达 72（细则二）；公共科目学时 0，应达 24（2016年通知一）", "共 3 人：有效 3，合格 2，不合格 1"] {
            #expect(result.stdout.contains(expected), "check prints \(expected)")
        }
    }

    @Test("check --json gives the same facts for programs")
    func checkJSON() throws {
        let result = try cedocs(["check", "--json", Repository.example.path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["people"] as? Int == 3)
        #expect(summary["passing"] as? Int == 2)
        let people = try #require(json["people"] as? [[String: Any]])
        #expect(people[0]["total_hours"] as? Double == 74)
        let activities = try #require(people[0]["activities"] as? [[String: Any]])
        #expect(activities[1]["clause"] as? String == "四(五)")
    }

    @Test("a file with one invalid person: exit 1, the path and the reason, the others still checked")
    func checkInvalidPerson() throws {
        let folder = Repository.temporaryFolder()
        var bad = Samples.person(2)
        bad["id_number"] = "320302198001011238"
        let file = try Samples.write(Samples.records(people: [Samples.person(1), bad, Samples.person(3)]), to: folder)
        let result = try cedocs(["check", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("people[1].id_number"))
        #expect(result.stdout.contains("校验码"))
        #expect(result.stdout.contains("有效 2"))

        // The same facts as JSON, written a person at a time.
        let json = try cedocs(["check", "--json", file.path])
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["people"] as? [[String: Any]])?.map { $0["path"] as? String } == ["people[0]", "people[2]"])
        #expect((report["rejected"] as? [[String: Any]])?.first?["path"] as? String == "people[1]")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["people"] as? Int == 3 && summary["valid"] as? Int == 2 && summary["with_errors"] as? Int == 1)
        #expect(report["year"] as? Int == 2016 && report["unit"] as? String == "徐州市测试单位")
    }

    @Test("an unusable file: exit 2 with the line and column of a syntax error")
    func checkSyntaxError() throws {
        let folder = Repository.temporaryFolder()
        let file = folder.appendingPathComponent("broken.json")
        try Data("{\n  \"schema\": \"cedocs/records/1\",\n  \"year\": 2016,,\n}".utf8).write(to: file)
        let result = try cedocs(["check", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.json"))
        #expect(result.stderr.contains("第 3 行"))
    }

    @Test("render: the folder layout, fixed ASCII file names, exit 0; a bad person gives exit 1 and the rest")
    func render() throws {
        let folder = Repository.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        let ok = try cedocs(["render", Repository.example.path, "--out", out.path, "--png"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path)
        #expect(files.contains("people/320302198001011239/2016/registration.pdf"))
        #expect(files.contains("people/320302198001011239/2016/registration-1.png"))
        #expect(files.contains("units/徐州市第一人民医院/2016/annual-audit.pdf"))
        #expect(files.contains("units/徐州市第一人民医院/2016/registrations.pdf"))
        for file in files where file.hasPrefix("people/") {
            #expect(file.allSatisfy { $0.isASCII }, "person paths are ASCII: \(file)")
        }

        var long = Samples.person(1)
        long["title"] = String(repeating: "主任医师兼学术带头人", count: 20)
        let input = try Samples.write(Samples.records(people: [long, Samples.person(2)]), to: folder)
        let partial = try cedocs(["render", input.path, "--out", folder.appendingPathComponent("out2").path])
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("person.title"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out2/people/\(Samples.idNumber(2))/2016/registration.pdf").path))
    }

    @Test("missing fonts stop the run with the package to install")
    func missingFonts() throws {
        let folder = Repository.temporaryFolder()
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.templates, to: home.appendingPathComponent("templates"))
        // A configuration that sees no font folder at all.
        try Data("<?xml version=\"1.0\"?><fontconfig><cachedir>\(folder.path)/cache</cachedir></fontconfig>".utf8)
            .write(to: home.appendingPathComponent("fonts/fonts.conf"))
        let result = try Command.run(Repository.executable.path, ["render", Repository.example.path, "--out", folder.appendingPathComponent("o").path],
                                     environment: ["CEDOCS_HOME": home.path, "PATH": "/usr/bin:/bin"],
                                     currentDirectory: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("fonts-noto-cjk"))
        #expect(result.stderr.contains("fonts-lxgw-wenkai"))
    }

    @Test("the executable deflates Cairo's PDF streams at its own level (zlib header 78 5E), fonts included")
    func deflateLevel() throws {
        let out = Repository.temporaryFolder()
        #expect(try cedocs(["render", Repository.example.path, "--out", out.path, "--quiet"]).status == 0)
        let pdf = try Data(contentsOf: out.appendingPathComponent("people/320302198001011239/2016/registration.pdf"))
        let headers = PDFStreams.zlibHeaders(pdf)
        #expect(headers.count >= 5, "content, fonts and their ToUnicode maps")
        #expect(Set(headers) == ["78 5E"], "\(headers)")
    }
}
