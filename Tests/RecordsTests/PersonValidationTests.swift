import Foundation
import Testing
@testable import Records

/// Problems inside one person: the person is rejected, the others load.
@Suite("person validation")
struct PersonValidationTests {
    @Test func oneBadPersonDoesNotStopTwoGoodOnes() throws {
        let people = [
            Fixture.person(id: "320302198001011239"),
            Fixture.person(["level": "高等", "name": "王五"], id: "11010519491231002X"),
            Fixture.person(["name": "李𠀾"], id: "320303199107152348"),
        ]
        let loaded = try Fixture.load(Fixture.file(people: people))
        #expect((try loaded.records.people.all()).map(\.idNumber) == ["320302198001011239", "320303199107152348"])
        #expect(loaded.sourceIndices == [0, 2])
        #expect(loaded.rejected.count == 1)
        let rejected = try #require(loaded.rejected.first)
        #expect(rejected.index == 1)
        #expect(rejected.idNumber == "11010519491231002X")
        #expect(rejected.name == "王五")
        #expect(rejected.problems.map(\.path) == ["people[1].level"])
        #expect(rejected.problems.first?.personIndex == 1)
        #expect(loaded.problems == rejected.problems)
    }

    @Test func levelOutsideTheEnumerationNamesTheAllowedValues() throws {
        let problems = try Fixture.personProblems(Fixture.person(["level": "高等"]))
        #expect(problems.map(\.description) == ["people[0].level: 职称级别\"高等\"无效，应为 高级、中级、初级 之一"])
    }

    @Test(arguments: [("id_number", "公民身份号码"), ("name", "姓名"), ("level", "职称级别"), ("activities", "学习活动")])
    func requiredFields(key: String, label: String) throws {
        let problems = try Fixture.personProblems(Fixture.person(removing: [key]))
        #expect(problems.errors.map(\.path) == ["people[0].\(key)"])
        #expect(problems.first?.message == "缺少必填字段\"\(key)\"（\(label)）")
    }

    @Test func wrongTypes() throws {
        let problems = try Fixture.personProblems(Fixture.person(["name": 12, "activities": "无", "title": ["工程师"]],
                                                                id: "320302198001011239"))
        #expect(problems.at("people[0].name").first?.message == "姓名应为字符串，实际为数字 12")
        #expect(problems.at("people[0].activities").first?.message == "学习活动应为数组 […]，实际为字符串\"无\"")
        #expect(problems.at("people[0].title").first?.message == "专业技术职务应为字符串，实际为数组")
        let numeric = try Fixture.personProblems(["id_number": 320302198001011239, "name": "张", "level": "中级", "activities": []])
        #expect(numeric.at("people[0].id_number").first?.message.hasPrefix("公民身份号码应为字符串") == true)
        let null = try Fixture.personProblems(Fixture.person(["name": NSNull()]))
        #expect(null.map(\.description) == ["people[0].name: 姓名应为字符串，实际为空值 null"])
        let empty = try Fixture.personProblems([:])
        #expect(empty.errors.count == 4)  // the four required fields
    }

    @Test func personThatIsNotAnObject() throws {
        let loaded = try Fixture.load(Fixture.file(people: ["张卫东", Fixture.person()]))
        #expect(loaded.rejected.map(\.index) == [0])
        #expect(loaded.problems.map(\.description) == ["people[0]: 人员记录应为对象 {…}，实际为字符串\"张卫东\""])
        #expect(loaded.records.people.count == 1)
    }

    @Test func badIDNumbers() throws {
        let cases = [
            ("32030219800101123X", "公民身份号码 32030219800101123X 的校验码应为 9"),
            ("320302198002301238", "公民身份号码 320302198002301238 中的出生日期 19800230 不是真实的日期"),
            ("32030219800101123", "公民身份号码 32030219800101123 应为 18 位，实际为 17 位"),
            ("3203021980O1011239", "公民身份号码 3203021980O1011239 第 11 位\"O\"不是数字"),
            ("320302203001011231", "公民身份号码 320302203001011231 中的出生日期 2030-01-01 晚于 2016-12-31，不可能"),
        ]
        for (id, message) in cases {
            let problems = try Fixture.personProblems(Fixture.person(id: id))
            #expect(problems.map(\.description) == ["people[0].id_number: \(message)"])
        }
    }

    @Test func lowercaseXIsNormalised() throws {
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(id: "11010519491231002x")]))
        #expect(loaded.problems.isEmpty)
        #expect((try loaded.records.people.all()).first?.idNumber == "11010519491231002X")
    }

    @Test func duplicateIDNumbersRejectTheLaterOccurrences() throws {
        let people = [
            Fixture.person(["name": "甲"], id: "320302198001011239"),
            Fixture.person(["name": "乙"], id: "11010519491231002X"),
            Fixture.person(["name": "丙"], id: "320302198001011239"),
            Fixture.person(["name": "丁"], id: "11010519491231002x"),
        ]
        let loaded = try Fixture.load(Fixture.file(people: people))
        #expect((try loaded.records.people.all()).map(\.name) == ["甲", "乙"])
        #expect(loaded.rejected.map(\.index) == [2, 3])
        #expect(loaded.problems.map(\.description) == [
            "people[2].id_number: 公民身份号码 320302198001011239 与 people[0] 重复：同一人在一个文件中只能出现一次",
            "people[3].id_number: 公民身份号码 11010519491231002X 与 people[1] 重复：同一人在一个文件中只能出现一次",
        ])
    }

    @Test func emptyName() throws {
        for name in ["", "  ", "\u{3000}"] {
            let problems = try Fixture.personProblems(Fixture.person(["name": name]))
            #expect(problems.map(\.description) == ["people[0].name: 姓名不能为空"])
        }
    }

    @Test func nameWithControlOrInvisibleCharacters() throws {
        let problems = try Fixture.personProblems(Fixture.person(["name": "张\t卫东"]))
        #expect(problems.map(\.description) == ["people[0].name: 姓名第 2 个字符是不可见的控制字符 U+0009，请删除"])
        let zeroWidth = try Fixture.personProblems(Fixture.person(["name": "张卫\u{200B}东"]))
        #expect(zeroWidth.at("people[0].name").first?.message.contains("U+200B") == true)
    }

    @Test func genderMustAgreeWithTheIDNumber() throws {
        let problems = try Fixture.personProblems(Fixture.person(["gender": "女"]))
        #expect(problems.map(\.description) == ["people[0].gender: 性别\"女\"与公民身份号码不符：第 17 位 3 是奇数，应为 男"])
        let bad = try Fixture.personProblems(Fixture.person(["gender": "M"]))
        #expect(bad.first?.message == "性别\"M\"无效，应为 男、女 之一")
    }

    @Test func birthMustAgreeWithTheIDNumber() throws {
        let problems = try Fixture.personProblems(Fixture.person(["birth": "1980-02"]))
        #expect(problems.map(\.description) == ["people[0].birth: 出生年月 1980-02 与公民身份号码中的出生日期 1980-01-01 不符"])
        let format = try Fixture.personProblems(Fixture.person(["birth": "1980-1"]))
        #expect(format.map(\.description) == ["people[0].birth: 出生年月\"1980-1\"格式不正确，应为 YYYY-MM（如 1980-01）"])
        let month = try Fixture.personProblems(Fixture.person(["birth": "1980-13"]))
        #expect(month.at("people[0].birth").count == 1)
    }

    @Test func unknownPersonKeyIsAnError() throws {
        let problems = try Fixture.personProblems(Fixture.person(["titel": "工程师"]))
        #expect(problems.map(\.path) == ["people[0].titel"])
        #expect(problems.first?.message.hasPrefix("未知字段\"titel\"，是否应为\"title\"？") == true)
    }

    @Test func purposeEnumeration() throws {
        let problems = try Fixture.personProblems(Fixture.person(["purpose": "晋升"]))
        #expect(problems.first?.message == "审验用途\"晋升\"无效，应为 申报专业技术资格、聘任专业技术职务、职业资格再注册 之一")
    }

    @Test func optionalFieldsTakeNullAndBlankAsAbsent() throws {
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["title": NSNull(), "major": " ", "photo": "photos/a.png"])]))
        #expect(loaded.problems.isEmpty)
        let person = try #require((try loaded.records.people.all()).first)
        #expect(person.title == nil)
        #expect(person.major == nil)
        #expect(person.photo == "photos/a.png")
    }

    @Test func noActivitiesIsAWarning() throws {
        let loaded = try Fixture.load(Fixture.file(people: [Fixture.person(["activities": []])]))
        #expect(loaded.problems.map(\.severity) == [.warning])
        #expect(loaded.problems.first?.path == "people[0].activities")
        #expect(loaded.records.people.count == 1)
    }

    @Test func allProblemsOfAPersonAreReportedAtOnce() throws {
        let p = Fixture.person(["level": "x", "gender": "y", "name": ""], id: "1")
        let problems = try Fixture.personProblems(p)
        #expect(problems.map(\.path) == ["people[0].id_number", "people[0].name", "people[0].gender", "people[0].level"])
    }
}
