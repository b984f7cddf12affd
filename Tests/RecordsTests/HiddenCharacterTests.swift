import Foundation
import Testing
@testable import Records

/// Names with characters that print nothing or reorder the text are refused with their JSON path
/// (issue 12, point 6): they make two units look alike on paper and differ on disk.
@Suite("hidden characters in the unit's names")
struct HiddenCharacterTests {
    @Test("control characters and bidirectional overrides in the unit's name are refused",
          arguments: [("\u{0}", "U+0000"), ("\u{7}", "U+0007"), ("\u{1F}", "U+001F"), ("\u{7F}", "U+007F"),
                      ("\u{202A}", "U+202A"), ("\u{202E}", "U+202E"), ("\u{2066}", "U+2066"), ("\u{2069}", "U+2069")])
    func unitName(_ hidden: String, code: String) {
        var unit = Fixture.unit
        unit["name"] = "徐州市\(hidden)第一人民医院"
        let problems = Fixture.fileProblems(Fixture.file(["unit": unit]))
        #expect(problems.map(\.description) == ["unit.name: 单位名称第 4 个字符是不可见的控制字符 \(code)，请删除"])
    }

    @Test("the unit's other texts too, each with its path")
    func otherUnitTexts() {
        var unit = Fixture.unit
        unit["authority"] = "徐州市\u{202E}卫生局"
        unit["district"] = "市直\n"
        unit["contact"] = "\u{1B}王"
        let problems = Fixture.fileProblems(Fixture.file(["unit": unit]))
        #expect(problems.map(\.path) == ["unit.authority", "unit.district", "unit.contact"])
    }

    @Test("a plain name with ordinary punctuation is accepted")
    func plainAccepted() throws {
        var unit = Fixture.unit
        unit["name"] = "甲单位/一（徐州）:分部"
        #expect(try Fixture.load(Fixture.file(["unit": unit])).records.unit.name == "甲单位/一（徐州）:分部")
    }
}
