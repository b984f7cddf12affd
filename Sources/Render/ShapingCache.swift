import CPangoCairo
import Layout

/// What a thread has already shaped. The same strings recur on every form (labels, headers, 合格,
/// the unit's name), so each is shaped once: single lines keep their PangoLayout for measuring and
/// drawing, wrapped text keeps its line breaks.
///
/// Bounded in two generations, so memory stays flat however many documents a thread renders: when
/// the current one is full it becomes the previous one and the one before is dropped. A string
/// found in the previous generation moves to the current one, so the strings every form uses are
/// never shaped again, while a person's own (names, numbers, dates) leave after a few dozen people.
/// (Dropping everything when full would shape the forms' own strings again every few dozen people.)
/// Two generations of 512 cost some 2% of a render's CPU against an unbounded cache.
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

    /// Entries of one kind in two generations of at most `capacity` each.
    private struct Generations<Key: Hashable, Value> {
        let capacity: Int
        var current: [Key: Value] = [:]
        var previous: [Key: Value] = [:]

        /// The value for `key`, made if neither generation has it; `drop` gets each value dropped.
        mutating func value(_ key: Key, make: () -> Value, drop: (Value) -> Void) -> Value {
            if let value = current[key] { return value }
            let value = previous.removeValue(forKey: key) ?? make()
            if current.count >= capacity {
                previous.values.forEach(drop)
                previous = current
                current = [:]
                current.reserveCapacity(capacity)
            }
            current[key] = value
            return value
        }

        mutating func removeAll(drop: (Value) -> Void) {
            current.values.forEach(drop)
            previous.values.forEach(drop)
            current = [:]
            previous = [:]
        }
    }

    private var lines: Generations<LineKey, Line>
    private var wraps: Generations<WrapKey, [MeasuredLine]>

    /// `capacity`: entries of each kind in a generation.
    init(capacity: Int = 512) {
        lines = Generations(capacity: capacity)
        wraps = Generations(capacity: capacity)
    }

    deinit { lines.removeAll(drop: Self.release) }

    func line(_ key: LineKey, make: () -> Line) -> Line {
        lines.value(key, make: make, drop: Self.release)
    }

    func wrapped(_ key: WrapKey, make: () -> [MeasuredLine]) -> [MeasuredLine] {
        wraps.value(key, make: make) { _ in }
    }

    private static func release(_ line: Line) { line.runs.forEach { $0.release() } }
}
