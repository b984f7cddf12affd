@testable import Layout
import Testing

/// A table's ruled lines (RuleSet): each row's and column's rule is one line, however many cells it
/// borders, and what is drawn covers exactly the cells' edges.
@Suite("Ruled lines of a table")
struct RuleSetTests {
    /// The table's cells: `rows` × `columns` boxes of 10 × 5 pt from (40, 100).
    func table(rows: Int, columns: Int) -> RuleSet {
        var rules = RuleSet(width: 0.75)
        for row in 0..<rows {
            for column in 0..<columns {
                rules.addBox(Rect(x: 40 + Double(column) * 10, y: 100 + Double(row) * 5, width: 10, height: 5))
            }
        }
        return rules
    }

    /// A line's endpoints to a hundredth of a point, as rules are compared.
    func key(_ line: RuleLine) -> String {
        func text(_ v: Double) -> String { String((v * 100).rounded() / 100) }
        return "(\(text(line.from.x)), \(text(line.from.y)))–(\(text(line.to.x)), \(text(line.to.y))) \(line.width)"
    }

    func horizontal(_ y: Double, from x0: Double, to x1: Double) -> RuleLine {
        RuleLine(from: Point(x: x0, y: y), to: Point(x: x1, y: y), width: 0.75)
    }

    func vertical(_ x: Double, from y0: Double, to y1: Double) -> RuleLine {
        RuleLine(from: Point(x: x, y: y0), to: Point(x: x, y: y1), width: 0.75)
    }

    @Test("3 rows of 4 cells: 4 horizontal and 5 vertical lines, each across the whole table")
    func wholeTable() {
        let lines = table(rows: 3, columns: 4).lines
        let expected = [100.0, 105, 110, 115].map { horizontal($0, from: 40, to: 80) }
            + [40.0, 50, 60, 70, 80].map { vertical($0, from: 100, to: 115) }
        #expect(lines.count == expected.count)
        #expect(Set(lines.map(key)) == Set(expected.map(key)))
    }

    @Test("edges a hundredth of a point apart are one edge; edges that do not meet stay apart")
    func gapsAndRounding() {
        var rules = RuleSet(width: 0.75)
        rules.add(Point(x: 0, y: 10), Point(x: 20, y: 10))
        rules.add(Point(x: 20.001, y: 10.001), Point(x: 30, y: 10.001))  // the same rule, summed differently
        rules.add(Point(x: 35, y: 10), Point(x: 50, y: 10))  // after a gap
        rules.add(Point(x: 0, y: 0), Point(x: 10, y: 10))  // slanted: kept as given
        let lines = rules.lines
        #expect(lines.map(key) == [horizontal(10, from: 0, to: 30), horizontal(10, from: 35, to: 50),
                                             RuleLine(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10), width: 0.75)]
            .map(key))
    }

    @Test("a row of cells of different heights: the long rule under them and every cell's own edges")
    func unevenRows() {
        var rules = RuleSet(width: 0.75)
        rules.addBox(Rect(x: 0, y: 0, width: 10, height: 20))
        rules.addBox(Rect(x: 10, y: 0, width: 10, height: 10))
        rules.addBox(Rect(x: 10, y: 10, width: 10, height: 10))
        let lines = Set(rules.lines.map(key))
        #expect(lines == Set([horizontal(0, from: 0, to: 20), horizontal(20, from: 0, to: 20), horizontal(10, from: 10, to: 20),
                              vertical(0, from: 0, to: 20), vertical(10, from: 0, to: 20), vertical(20, from: 0, to: 20)]
            .map(key)))
    }
}
