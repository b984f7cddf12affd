import Layout
import Render
import Testing
import TestSupport

/// Numbers and dates are never broken inside a cell (issue 11: 10.25 printed as "10.2" over "5"):
/// they move whole to the next line, shrink when they are wider than the cell, then error.
@Suite("Numbers and dates stay whole in a cell", .serialized)
struct NumberBreakTests {
    let shaping = ShapingContext(library: TestFonts.library)
    var fitter: TextFitter { TextFitter(measurer: shaping, lineSpacing: 1.3, floor: 7) }
    let font = FontSpec(role: .song, size: 9)

    /// No line boundary of `lines` falls inside a number or a date part.
    func whole(_ lines: [MeasuredLine]) -> Bool {
        zip(lines, lines.dropFirst()).allSatisfy { a, b in
            guard let last = a.text.last, let first = b.text.first else { return true }
            return !Kinsoku.keepsTogether(last, first)
        }
    }

    @Test("a number a little wider than its cell shrinks onto one line instead of breaking")
    func shrinksWhole() throws {
        let full = shaping.width(of: "10.25", font: font)
        let width = (shaping.width(of: "10.2", font: font) + full) / 2
        // Pango alone breaks it inside: the case of the issue.
        #expect(shaping.breakLines("10.25", font: font, width: width).count == 2)
        let fitted = try #require(fitter.fit("10.25", font: font, in: Size(width: width, height: 40)))
        #expect(fitted.lines.map(\.text) == ["10.25"])
        #expect(fitted.font.size < 9)
        #expect(fitted.lines[0].width <= width + 0.01)
    }

    @Test("a number wider than its cell even at the floor is not fitted (the caller errors)")
    func tooWide() {
        let width = shaping.width(of: "10.25", font: font.resized(7)) * 0.8
        #expect(fitter.fit("10.25", font: font, in: Size(width: width, height: 100)) == nil)
        #expect(!fitter.wrapKeepingNumbers("10.25", font: font, width: width).whole)
    }

    @Test("a number after text moves whole to the next line")
    func movesWhole() {
        let text = "合计认定10.25学时"
        let width = shaping.width(of: "合计认定10.2", font: font) + 0.5
        let (lines, kept) = fitter.wrapKeepingNumbers(text, font: font, width: width)
        #expect(kept)
        #expect(whole(lines))
        #expect(lines.map(\.text).joined() == text)
        #expect(lines.contains { $0.text.hasPrefix("10.25") })
    }

    @Test("a date breaks only after 年, 月 or 日", arguments: [30.0, 36.0, 44.0, 60.0])
    func dates(width: Double) throws {
        let text = "审验日期2017年2月10日"
        #expect(shaping.width(of: "2017年", font: font) < 30)
        let (lines, kept) = fitter.wrapKeepingNumbers(text, font: font, width: width)
        #expect(kept)
        #expect(lines.count > 1)
        #expect(lines.map(\.text).joined() == text)
        #expect(whole(lines), "\(lines.map(\.text))")
        // Every digit of the date is followed by another digit or by 年, 月 or 日 on its own line.
        for line in lines.dropLast() {
            #expect(line.text.last.map { !$0.isASCII } == true, "\(lines.map(\.text))")
        }
    }

    @Test("the rule itself")
    func rule() {
        #expect(Kinsoku.keepsTogether("1", "0"))
        #expect(Kinsoku.keepsTogether("0", "."))
        #expect(Kinsoku.keepsTogether(".", "2"))
        #expect(Kinsoku.keepsTogether("7", "年"))
        #expect(Kinsoku.keepsTogether("A", "4"))
        #expect(!Kinsoku.keepsTogether("年", "2"))
        #expect(!Kinsoku.keepsTogether("计", "1"))
        #expect(!Kinsoku.keepsTogether("时", "，"))
    }
}
