import CPangoCairo
import Layout

/// What a thread has already shaped. The same strings recur on every form (labels, headers, 合格,
/// the unit's name), so each is shaped once: single lines keep their PangoLayout for measuring and
/// drawing, wrapped text keeps its line breaks. Bounded: when full it starts over, so memory stays
/// flat however many documents a thread renders.
final class ShapingCache {
    struct LineKey: Hashable {
        var text: String
        var font: FontSpec
    }

    struct WrapKey: Hashable {
        var text: String
        var font: FontSpec
        var width: Double
    }

    /// A shaped single line: its advance width, baseline (points) and glyphs.
    struct Line {
        let width: Double
        let baseline: Double
        let runs: [GlyphRun]
    }

    private let capacity: Int
    private var lines: [LineKey: Line] = [:]
    private var wraps: [WrapKey: [MeasuredLine]] = [:]

    init(capacity: Int = 4096) { self.capacity = capacity }

    deinit { clearLines() }

    func line(_ key: LineKey, make: () -> Line) -> Line {
        if let line = lines[key] { return line }
        if lines.count >= capacity { clearLines() }
        let line = make()
        lines[key] = line
        return line
    }

    func wrapped(_ key: WrapKey, make: () -> [MeasuredLine]) -> [MeasuredLine] {
        if let lines = wraps[key] { return lines }
        if wraps.count >= capacity { wraps.removeAll(keepingCapacity: true) }
        let lines = make()
        wraps[key] = lines
        return lines
    }

    private func clearLines() {
        for line in lines.values { line.runs.forEach { $0.release() } }
        lines.removeAll(keepingCapacity: true)
    }
}
