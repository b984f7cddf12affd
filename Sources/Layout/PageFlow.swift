/// Pages filled from top to bottom: where the next block goes, and when a new page begins. Each page
/// goes to `finished` as soon as it is complete, so a long document need not be kept whole.
struct PageFlow {
    let pageSize: Size
    /// The text block between the margins (pt).
    let content: Rect
    private let finished: (Page) -> Void
    private var items: [DisplayItem] = []
    private var rules: RuleSet
    private(set) var cursor: Double
    private var open = false

    init(template: Template, finished: @escaping (Page) -> Void) {
        self.finished = finished
        let size = template.page.size
        let m = template.page.margins
        pageSize = Size(width: mm(size.width), height: mm(size.height))
        content = Rect(x: mm(m[3]), y: mm(m[0]), width: mm(size.width - m[1] - m[3]),
                       height: mm(size.height - m[0] - m[2]))
        rules = RuleSet(width: template.lineWidth)
        cursor = content.y
    }

    var remaining: Double { content.maxY - cursor }

    mutating func newPage() {
        finishPage()
        open = true
        cursor = content.y
    }

    /// Starts a new page unless `height` still fits on this one.
    mutating func ensure(_ height: Double) {
        if !open || height > remaining + 0.01 { newPage() }
    }

    mutating func advance(_ height: Double) { cursor += height }

    mutating func add(_ item: DisplayItem) { items.append(item) }
    mutating func add(_ texts: [TextItem]) { items.append(contentsOf: texts.map(DisplayItem.text)) }
    mutating func addBox(_ rect: Rect) { rules.addBox(rect) }

    /// Closes the last page.
    mutating func finish() {
        finishPage()
    }

    private mutating func finishPage() {
        guard open else { return }
        // Rules first, so text and seals are drawn over them.
        finished(Page(size: pageSize, items: rules.lines.map(DisplayItem.line) + items))
        items = []
        rules = RuleSet(width: rules.width)
        open = false
    }
}
