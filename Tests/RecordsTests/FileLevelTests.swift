import Foundation
import Testing
@testable import Records

/// Problems that make the whole file unusable (RecordsFileError).
@Suite("file-level problems")
struct FileLevelTests {
    @Test func syntaxErrorGivesLineAndColumn() {
        let json = """
        {
          "schema": "cedocs/records/1",
          "year": 2016
          "unit": {}
        }
        """
        let problems = Fixture.fileProblems(Fixture.text(json))
        #expect(problems.count == 1)
        #expect(problems.first?.path == "$")
        #expect(problems.first?.message.hasPrefix("第 4 行第 3 列附近：JSON 语法错误") == true)
        #expect(problems.first?.message.contains("逗号") == true)
    }

    @Test func columnCountsChineseCharactersNotBytes() {
        // A full-width comma typed with a Chinese input method, after two Chinese characters.
        let json = "{\n\"unit\": {\"name\": \"徐州\"，\"nature\": 1}}"
        let message = Fixture.fileProblems(Fixture.text(json)).first?.message ?? ""
        #expect(message.hasPrefix("第 2 行第 22 列附近"), "\(message)")
        #expect(message.contains("全角字符“，”"), "\(message)")
    }

    @Test(arguments: [
        ("{\"schema\": \"cedocs/records/1\",}", "第 1 行第 31 列附近", "多了一个逗号"),
        ("[1, 2,]", "第 1 行第 7 列附近", "多了一个逗号"),
        ("{'schema': 1}", "第 1 行第 2 列附近", "单引号"),
        ("{\"a\": \"x\ny\"}", "第 1 行第 9 列附近", "不能直接换行"),
        ("{\"a\": 1} // note", "第 1 行第 10 列附近", "注释"),
        ("{\"a\": 01}", "第 1 行第 7 列附近", "不能以 0 开头"),
        ("{\"a\": [1, 2}", "第 1 行第 12 列附近", "右方括号"),
        ("{\"a\": \"abc", "第 1 行第 7 列附近", "缺少结尾的英文双引号"),
        ("{\"a\": 1", "第 1 行第 8 列附近", "文件意外结束"),
        ("{\"a\": True}", "第 1 行第 7 列附近", "此处应为一个值"),
        ("{} {}", "第 1 行第 4 列附近", "多余的内容"),
    ])
    func syntaxErrorsAreToldPlainly(json: String, position: String, words: String) {
        let message = Fixture.fileProblems(Fixture.text(json)).first?.message ?? ""
        #expect(message.hasPrefix(position), "\(message)")
        #expect(message.contains(words), "\(message)")
    }

    @Test func emptyFile() {
        #expect(Fixture.fileProblems(Data()).map(\.message) == ["文件为空"])
        #expect(Fixture.fileProblems(Fixture.text(" \n\t")).map(\.message) == ["文件为空"])
    }

    @Test func notUTF8() {
        // "张" in GBK is D5 C5: a file saved by an old Windows program.
        var bytes = Array("{\"name\": \"".utf8)
        bytes += [0xD5, 0xC5]
        bytes += Array("\"}".utf8)
        let message = Fixture.fileProblems(Data(bytes)).first?.message ?? ""
        #expect(message.hasPrefix("第 1 行第 11 列附近"), "\(message)")
        #expect(message.contains("不是 UTF-8 编码"), "\(message)")
        #expect(message.contains("0xD5"), "\(message)")
        #expect(Fixture.fileProblems(Data([0xFF, 0xFE, 0x7B, 0x00])).first?.message.contains("UTF-16") == true)
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let loaded = try Fixture.load(Data([0xEF, 0xBB, 0xBF]) + Fixture.file())
        #expect(loaded.records.people.count == 1)
    }

    @Test func topLevelNotAnObject() {
        let problems = Fixture.fileProblems(Fixture.text("[{\"schema\": \"cedocs/records/1\"}]"))
        #expect(problems.map(\.path) == ["$"])
        #expect(problems.first?.message == "文件顶层应为对象 {…}，实际为数组")
    }

    @Test func fileNotFoundOrADirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/records-\(UUID().uuidString).json")
        #expect(throws: RecordsFileError.self) { try RecordsLoader.load(contentsOf: missing) }
        do {
            _ = try RecordsLoader.load(contentsOf: missing)
        } catch {
            #expect(error.fileName == missing.lastPathComponent)
            #expect(error.problems.first?.message.hasPrefix("找不到文件") == true)
        }
        do {
            _ = try RecordsLoader.load(contentsOf: Fixture.exampleURL.deletingLastPathComponent())
            Issue.record("a directory loaded")
        } catch {
            #expect(error.problems.first?.message.contains("是文件夹") == true)
        }
    }

    @Test func wrongOrMissingSchema() {
        let wrong = Fixture.fileProblems(Fixture.file(["schema": "cedocs/records/2"]))
        #expect(wrong.map(\.path) == ["schema"])
        #expect(wrong.first?.message.contains("实际为字符串\"cedocs/records/2\"") == true)
        let missing = Fixture.fileProblems(Fixture.file(removing: ["schema"]))
        #expect(missing.map(\.path) == ["schema"])
        #expect(missing.first?.message.hasPrefix("缺少必填字段\"schema\"") == true)
    }

    @Test func invalidYear() {
        let cases: [(Any, String)] = [
            (1999, "审验年度 1999 不合理，应在 2000 到 2100 之间"),
            ("2016", "审验年度 year 应为整数（如 2016），实际为字符串\"2016\""),
            (2016.5, "审验年度 year 应为整数（如 2016），实际为数字 2016.5"),
        ]
        for (year, message) in cases {
            let problems = Fixture.fileProblems(Fixture.file(["year": year]))
            #expect(problems.map(\.path) == ["year"])
            #expect(problems.first?.message == message)
        }
    }

    @Test func missingYear() {
        #expect(Fixture.fileProblems(Fixture.file(removing: ["year"])).map(\.path) == ["year"])
    }

    @Test func invalidUnit() {
        var unit = Fixture.unit
        unit["nature"] = "国企"
        unit["name"] = "  "
        unit["authority"] = nil
        let problems = Fixture.fileProblems(Fixture.file(["unit": unit]))
        #expect(problems.at("unit.nature").first?.message == "单位性质\"国企\"无效，应为 行政机关、事业单位、企业、社会团体、其他 之一")
        #expect(problems.at("unit.name").first?.message == "单位名称不能为空")
        #expect(problems.at("unit.authority").first?.message == "缺少必填字段\"authority\"（主管部门）")
        #expect(problems.count == 3)

        #expect(Fixture.fileProblems(Fixture.file(removing: ["unit"])).map(\.path) == ["unit"])
        #expect(Fixture.fileProblems(Fixture.file(["unit": "徐州市第一人民医院"])).first?.message
                == "单位信息应为对象 {…}，实际为字符串\"徐州市第一人民医院\"")
    }

    @Test func unknownKeysAreErrorsWithASuggestion() {
        let problems = Fixture.fileProblems(Fixture.file(["peple": []]))
        #expect(problems.map(\.path) == ["peple"])
        #expect(problems.first?.message.hasPrefix("未知字段\"peple\"，是否应为\"people\"？") == true)
        var unit = Fixture.unit
        unit["phone"] = "123"
        let unitProblems = Fixture.fileProblems(Fixture.file(["unit": unit]))
        #expect(unitProblems.map(\.path) == ["unit.phone"])
    }

    @Test func duplicateKeyIsAnError() {
        let json = #"{"schema": "cedocs/records/1", "year": 2016, "year": 2017, "unit": {"name": "a", "nature": "企业", "authority": "b"}, "people": []}"#
        let problems = Fixture.fileProblems(Fixture.text(json))
        #expect(problems.map(\.path) == ["year"])
        #expect(problems.first?.message.contains("重复出现") == true)
    }

    @Test func peopleMissingOrNotAnArray() {
        #expect(Fixture.fileProblems(Fixture.file(removing: ["people"])).map(\.path) == ["people"])
        let problems = Fixture.fileProblems(Fixture.file(["people": ["id_number": "1"]]))
        #expect(problems.map(\.path) == ["people"])
        #expect(problems.first?.message == "人员名单 people 应为数组 […]，实际为对象")
    }

    @Test func fileErrorAlsoReportsThePeopleProblems() {
        let problems = Fixture.fileProblems(Fixture.file(people: [Fixture.person(["level": "高等"])], ["schema": "x"]))
        #expect(problems.map(\.path) == ["schema", "people[0].level"])
        #expect(problems[1].personIndex == 0)
    }

    @Test func emptyPeopleIsAUsableFile() throws {
        let loaded = try Fixture.load(Fixture.file(people: []))
        #expect(loaded.records.people.isEmpty)
        #expect(loaded.problems.isEmpty)
    }

    @Test func creditCodeIsCheckedButOnlyWarns() throws {
        var unit = Fixture.unit
        unit["credit_code"] = "91330100799655058A"
        let loaded = try Fixture.load(Fixture.file(["unit": unit]))
        #expect(loaded.problems.map(\.severity) == [.warning])
        #expect(loaded.problems.first?.path == "unit.credit_code")
        #expect(loaded.problems.first?.message == "统一社会信用代码 91330100799655058A 的校验码应为 B，已忽略该代码")
        #expect(loaded.records.unit.creditCode == nil)
        #expect(loaded.records.people.count == 1)

        unit["credit_code"] = "91330100799655058b"
        #expect(try Fixture.load(Fixture.file(["unit": unit])).records.unit.creditCode == "91330100799655058B")
        unit["credit_code"] = "9133010079965505"
        #expect(try Fixture.load(Fixture.file(["unit": unit])).problems.first?.message.contains("应为 18 位，实际为 16 位") == true)
    }

    @Test func descriptionIncludesThePath() {
        let error = RecordsFileError(fileName: "a.json", problems: [
            RecordsProblem(severity: .error, path: "year", message: "审验年度 1999 不合理")])
        #expect(error.problems[0].description == "year: 审验年度 1999 不合理")
        #expect(error.description.contains("a.json"))
        #expect(error.description.contains("year: 审验年度 1999 不合理"))
    }
}
