import Layout
import Render
import Testing
import TestSupport

@Suite("Text in fixed cells: wrap, shrink to the floor, then an error")
struct TextFittingTests {
    let shaping = ShapingContext(library: TestFonts.library)
    var fitter: TextFitter { TextFitter(measurer: shaping, lineSpacing: 1.3, floor: 7) }
    let font = FontSpec(role: .song, size: 10.5)

    @Test("short text keeps its nominal size on one line")
    func nominal() throws {
        let fitted = try #require(fitter.fit("徐州市第一人民医院", font: font, in: Size(width: 200, height: 20)))
        #expect(fitted.font.size == 10.5)
        #expect(fitted.lines.count == 1)
    }

    @Test("text too long for one line wraps before it shrinks")
    func wrapsFirst() throws {
        let text = "徐州市卫生和计划生育委员会直属第一人民医院心血管内科"
        let fitted = try #require(fitter.fit(text, font: font, in: Size(width: 120, height: 60)))
        #expect(fitted.font.size == 10.5)
        #expect(fitted.lines.count > 1)
    }

    @Test("text too tall at the nominal size shrinks, but not below the floor")
    func shrinks() throws {
        let text = String(repeating: "继续教育审验", count: 8)
        let fitted = try #require(fitter.fit(text, font: font, in: Size(width: 100, height: 40)))
        #expect(fitted.font.size < 10.5)
        #expect(fitted.font.size >= 7)
        #expect(fitted.height <= 40.01)
    }

    @Test("text that does not fit even at the floor gives nil")
    func overflow() {
        let text = String(repeating: "继续教育审验", count: 40)
        #expect(fitter.fit(text, font: font, in: Size(width: 60, height: 12)) == nil)
    }

    @Test("rare characters of names are measured (they have glyphs), an unknown one is reported")
    func coverage() {
        #expect(shaping.missingCharacters(in: "李𠀾 王䶮 张𡈽 赵𫖯 买买提·艾力").isEmpty)
        #expect(shaping.missingCharacters(in: "张🧿东") == ["\u{1F9FF}"])
        #expect(shaping.width(of: "𫖯", font: font) > 5)
    }
}
