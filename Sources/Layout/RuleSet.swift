/// The ruled lines of a page, collected cell by cell: an edge two cells share is drawn once.
struct RuleSet {
    private struct Key: Hashable {
        var x0: Double, y0: Double, x1: Double, y1: Double
    }

    private var seen: Set<Key> = []
    private(set) var lines: [RuleLine] = []
    let width: Double

    init(width: Double) { self.width = width }

    mutating func addBox(_ rect: Rect) {
        add(Point(x: rect.x, y: rect.y), Point(x: rect.maxX, y: rect.y))
        add(Point(x: rect.x, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY))
        add(Point(x: rect.x, y: rect.y), Point(x: rect.x, y: rect.maxY))
        add(Point(x: rect.maxX, y: rect.y), Point(x: rect.maxX, y: rect.maxY))
    }

    mutating func add(_ a: Point, _ b: Point) {
        // Hundredths of a point: equal edges computed along different sums still match.
        func q(_ v: Double) -> Double { (v * 100).rounded() }
        let key = Key(x0: q(a.x), y0: q(a.y), x1: q(b.x), y1: q(b.y))
        guard seen.insert(key).inserted else { return }
        lines.append(RuleLine(from: a, to: b, width: width))
    }
}
