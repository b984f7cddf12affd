import Layout
import Render
import Testing
import TestSupport

@Suite("Chinese line breaking (避头尾)")
struct KinsokuTests {
    @Test("closing punctuation never starts a line, opening never ends one")
    func rulesOnBoundaries() {
        #expect(!Kinsoku.allowsBreak(between: "字", and: "，"))
        #expect(!Kinsoku.allowsBreak(between: "字", and: "》"))
        #expect(!Kinsoku.allowsBreak(between: "（", and: "字"))
        #expect(!Kinsoku.allowsBreak(between: "—", and: "—"))
        #expect(!Kinsoku.allowsBreak(between: "…", and: "…"))
        #expect(Kinsoku.allowsBreak(between: "字", and: "字"))
    }

    @Test("a forbidden boundary carries the last characters down, dashes as a pair")
    func carry() {
        #expect(Kinsoku.charactersToCarry(from: Array("学习内容"), before: "，") == 1)
        #expect(Kinsoku.charactersToCarry(from: Array("学习——"), before: "内") == 0)
        #expect(Kinsoku.charactersToCarry(from: Array("学习—"), before: "—") == 2)
        #expect(Kinsoku.charactersToCarry(from: Array("学习《"), before: "内") == 1)
        // A line is never emptied, even when nothing could mend the boundary.
        #expect(Kinsoku.charactersToCarry(from: Array("《"), before: "，") == 0)
    }

    /// Pango alone lets “——”, “……” and closing quotes start a line; at every width from narrow (about
    /// five characters, the narrowest text column of the forms) to wide, no line of the fitter may start
    /// or end wrongly, and none may be wider than asked. (Narrower than a forbidden run such as “目”……
    /// the run stays as Pango broke it rather than looping.)
    @Test("wrapping real text at every width keeps the rules and the width", arguments: [
        "专业技术人员继续教育——创新能力建设读本（第二版），“公需科目”……考核合格。",
        "冠心病介入治疗术后双联抗血小板疗程的临床观察：一项多中心研究（2016年）。",
        "《江苏省专业技术人员继续教育条例》和《实施意见》——解读……",
    ])
    func wrapEveryWidth(text: String) {
        let shaping = ShapingContext(library: TestFonts.library)
        let fitter = TextFitter(measurer: shaping, lineSpacing: 1.3, floor: 7)
        let font = FontSpec(role: .song, size: 10.5)
        for width in stride(from: 56.0, through: 260.0, by: 3.5) {
            let lines = fitter.wrap(text, font: font, width: width)
            #expect(lines.map(\.text).joined() == text, "no character lost or added at width \(width)")
            for (i, line) in lines.enumerated() {
                #expect(line.width <= width + 0.01, "line \(i) wider than \(width): \(line.text)")
                if i > 0, let first = line.text.first {
                    #expect(!"，。、；：？！）》」』】”’…—".contains(first), "line starts with \(first) at width \(width)")
                }
                if i < lines.count - 1, let last = line.text.last {
                    #expect(!"（《「『【“‘".contains(last), "line ends with \(last) at width \(width)")
                }
            }
        }
    }
}
