/// One column of the workbook: the header the clerk sees, the JSON key it fills, and how its cells read.
struct Column: Sendable {
    /// How a cell of the column becomes a JSON value.
    enum Value: Sendable {
        case text
        /// 公民身份号码: text only; a number is the sign of a column Excel formatted as numbers.
        case idNumber
        /// A date: an Excel serial number, or text as clerks type it (2016.3.1, 2016年3月1日…).
        case date
        /// 出生年月: a date or a year and month.
        case yearMonth
        case number
        case integer
        /// A closed set: each label the clerk picks from the drop-down, and the JSON value it writes.
        case choice([(label: String, value: OrderedJSON)])
    }

    /// `start`, `params.days`, `audit.date`: where the value goes in the person or activity.
    let key: String
    /// `结束日期`: what reading matches and messages name.
    let name: String
    /// Which kinds use the column, written after the name in the header: `天数（培训班、学术会议）`.
    let note: String?
    let value: Value
    let width: Double

    init(_ key: String, _ name: String, _ value: Value = .text, note: String? = nil, width: Double = 14) {
        self.key = key
        self.name = name
        self.note = note
        self.value = value
        self.width = width
    }

    /// The header as written in the template.
    var header: String { note.map { "\(name)（\($0)）" } ?? name }

    /// The labels of a closed set, for the drop-down and for messages.
    var labels: [String]? {
        guard case .choice(let options) = value else { return nil }
        return options.map(\.label)
    }

    /// Whether a header in the clerk's file is this column's: the name alone, or followed by a note
    /// in brackets (full-width or not), as the template writes it.
    func matches(_ header: String) -> Bool {
        // Both normalised: full-width brackets become ASCII ones, as in 专业技术职务（资格）名称.
        let header = CellText.normalise(header), name = CellText.normalise(self.name)
        guard header.hasPrefix(name) else { return false }
        let rest = header.dropFirst(name.count)
        return rest.isEmpty || rest.hasPrefix("(")
    }
}
