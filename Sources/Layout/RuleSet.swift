/// The ruled lines of a page, collected cell by cell: an edge two cells share is drawn once, and
/// the edges of a table's row or column that meet are drawn as one line.
struct RuleSet {
    private struct Key: Hashable {
        var x0: Double, y0: Double, x1: Double, y1: Double
    }

    /// Where a horizontal rule lies (its y) or a vertical one (its x), in hundredths of a point.
    private struct Track: Hashable {
        var horizontal: Bool
        var position: Double
    }

    /// A stretch of a track, from `start` to `end` along it.
    private struct Span {
        var start: Double, end: Double
        /// The track's position as first given, in points.
        var position: Double
    }

    private var seen: Set<Key> = []
    private var tracks: [Track] = []
    private var spans: [Track: [Span]] = [:]
    /// Lines neither horizontal nor vertical, as given.
    private var slanted: [RuleLine] = []
    let width: Double

    init(width: Double) { self.width = width }

    mutating func addBox(_ rect: Rect) {
        add(Point(x: rect.x, y: rect.y), Point(x: rect.maxX, y: rect.y))
        add(Point(x: rect.x, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY))
        add(Point(x: rect.x, y: rect.y), Point(x: rect.x, y: rect.maxY))
        add(Point(x: rect.maxX, y: rect.y), Point(x: rect.maxX, y: rect.maxY))
    }

    mutating func add(_ a: Point, _ b: Point) {
        let key = Key(x0: Self.hundredths(a.x), y0: Self.hundredths(a.y), x1: Self.hundredths(b.x), y1: Self.hundredths(b.y))
        guard seen.insert(key).inserted else { return }
        let track: Track
        let span: Span
        if key.y0 == key.y1 {
            track = Track(horizontal: true, position: key.y0)
            span = Span(start: min(a.x, b.x), end: max(a.x, b.x), position: a.y)
        } else if key.x0 == key.x1 {
            track = Track(horizontal: false, position: key.x0)
            span = Span(start: min(a.y, b.y), end: max(a.y, b.y), position: a.x)
        } else {
            slanted.append(RuleLine(from: a, to: b, width: width))
            return
        }
        if spans[track] == nil { tracks.append(track) }
        spans[track, default: []].append(span)
    }

    /// The lines to draw, each track in the order it was first given: a table's rule is one stroke
    /// instead of one per cell, so every PDF carries a fraction of the drawing operations. Edges
    /// that meet or overlap are joined; the union of what is stroked is the same.
    var lines: [RuleLine] {
        var lines: [RuleLine] = []
        for track in tracks {
            var merged: Span?
            for span in spans[track]!.sorted(by: { $0.start < $1.start }) {
                if let current = merged, Self.hundredths(span.start) <= Self.hundredths(current.end) {
                    merged!.end = max(current.end, span.end)
                    continue
                }
                if let current = merged { lines.append(line(current, on: track)) }
                merged = span
            }
            if let current = merged { lines.append(line(current, on: track)) }
        }
        return lines + slanted
    }

    private func line(_ span: Span, on track: Track) -> RuleLine {
        track.horizontal
            ? RuleLine(from: Point(x: span.start, y: span.position), to: Point(x: span.end, y: span.position), width: width)
            : RuleLine(from: Point(x: span.position, y: span.start), to: Point(x: span.position, y: span.end), width: width)
    }

    /// Hundredths of a point: equal edges computed along different sums still match.
    private static func hundredths(_ v: Double) -> Double { (v * 100).rounded() }
}
