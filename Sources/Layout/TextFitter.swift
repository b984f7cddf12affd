/// Text set into a box: the lines, the size they came out at, and their total height.
public struct FittedText: Sendable, Equatable {
    public var lines: [MeasuredLine]
    public var font: FontSpec
    public var lineHeight: Double
    public var height: Double { Double(lines.count) * lineHeight }
}

/// Sets text into a width, and into a box: nominal size first; if too tall, or if a number or date would
/// be split across lines, smaller in half-point steps down to the template's floor; past the floor, nil
/// (the caller names the person, field and cell). Never clips, never overflows sideways.
public struct TextFitter {
    public let measurer: any TextMeasurer
    /// Line height as a multiple of the font size.
    public let lineSpacing: Double
    /// The smallest size text may shrink to (pt).
    public let floor: Double

    public init(measurer: any TextMeasurer, lineSpacing: Double, floor: Double) {
        self.measurer = measurer
        self.lineSpacing = lineSpacing
        self.floor = floor
    }

    /// Lines of `text` no wider than `width`, with Chinese line-breaking rules applied.
    public func wrap(_ text: String, font: FontSpec, width: Double) -> [MeasuredLine] {
        wrapKeepingNumbers(text, font: font, width: width).lines
    }

    /// `wrap`, and whether every number and date stayed on one line. False when one is longer than the
    /// width by itself (or a line holds nothing but it): the caller shrinks the text, then errors.
    public func wrapKeepingNumbers(_ text: String, font: FontSpec, width: Double) -> (lines: [MeasuredLine], whole: Bool) {
        var out: [MeasuredLine] = []
        var whole = true
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = String(paragraph)
            if rest.isEmpty {
                out.append(MeasuredLine(text: "", width: 0))
                continue
            }
            let first = out.count
            while !rest.isEmpty {
                let lines = measurer.breakLines(rest, font: font, width: width)
                guard let broken = firstViolation(in: lines), let next = lines[broken].text.first else {
                    out.append(contentsOf: lines)
                    break
                }
                // Keep the lines before the bad boundary, shorten the one before it, re-break the rest.
                out.append(contentsOf: lines[..<(broken - 1)])
                var line = Array(lines[broken - 1].text)
                let carry = Kinsoku.charactersToCarry(from: line, before: next)
                line.removeLast(carry)
                let kept = String(line)
                out.append(MeasuredLine(text: kept, width: measurer.width(of: kept, font: font)))
                rest = String(lines[(broken - 1)...].map(\.text).joined().dropFirst(line.count))
            }
            if out.count - first > 1, ((first + 1)..<out.count).contains(where: { i in
                guard let last = out[i - 1].text.last, let next = out[i].text.first else { return false }
                return Kinsoku.keepsTogether(last, next)
            }) {
                whole = false
            }
        }
        return (out, whole)
    }

    /// Index of the first line whose boundary with the line before breaks the rules and can be mended.
    private func firstViolation(in lines: [MeasuredLine]) -> Int? {
        guard lines.count > 1 else { return nil }
        for i in 1..<lines.count {
            guard let last = lines[i - 1].text.last, let first = lines[i].text.first else { continue }
            if !Kinsoku.allowsBreak(between: last, and: first),
               Kinsoku.charactersToCarry(from: Array(lines[i - 1].text), before: first) > 0 {
                return i
            }
        }
        return nil
    }

    public func lineHeight(for font: FontSpec) -> Double { font.size * lineSpacing }

    /// Sets `text` into `box`, shrinking down to the floor. Nil when even the floor does not fit.
    public func fit(_ text: String, font: FontSpec, in box: Size) -> FittedText? {
        var size = font.size
        while true {
            let f = font.resized(size)
            let (lines, whole) = wrapKeepingNumbers(text, font: f, width: box.width)
            let fitted = FittedText(lines: lines, font: f, lineHeight: lineHeight(for: f))
            // A hair of tolerance: heights are sums of floating-point line heights.
            if whole, fitted.height <= box.height + 0.01 && lines.allSatisfy({ $0.width <= box.width + 0.01 }) {
                return fitted
            }
            if size <= floor { return nil }
            size = max(floor, size - 0.5)
        }
    }

    /// Where each line of `fitted` goes inside `box` (baseline origins), aligned as asked.
    public func place(_ fitted: FittedText, in box: Rect, align: HorizontalAlignment,
                      valign: VerticalAlignment) -> [TextItem] {
        let top: Double
        switch valign {
        case .top: top = box.y
        case .middle: top = box.y + (box.height - fitted.height) / 2
        case .bottom: top = box.maxY - fitted.height
        }
        // CJK ideographs sit in an em box from 0.88 above the baseline to 0.12 below; the line's
        // extra leading is shared above and below.
        let size = fitted.font.size
        let baselineOffset = (fitted.lineHeight - size) / 2 + 0.88 * size
        return fitted.lines.enumerated().compactMap { index, line in
            guard !line.text.isEmpty else { return nil }
            let x: Double
            switch align {
            case .left: x = box.x
            case .center: x = box.x + (box.width - line.width) / 2
            case .right: x = box.maxX - line.width
            }
            let baseline = top + Double(index) * fitted.lineHeight + baselineOffset
            return TextItem(text: line.text, font: fitted.font, origin: Point(x: x, y: baseline), width: line.width)
        }
    }
}
