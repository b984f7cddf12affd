import Records

/// The rows of a unit's 附件2 (年度审验表), in file order, kept compact: a run collects a row for every
/// person before the roster is laid out, and as `RosterEntry` values (three strings, two of them objects
/// of their own) a row took some 300 bytes with the array's spare room. Here the texts are packed
/// (`PackedStrings`) and the figures kept beside them, some 140 bytes a row (issue 18: memory flat in
/// the number of people). A row is made again when it is read.
public struct Roster: RandomAccessCollection, Sendable {
    /// Each row's name, 公民身份号码 and 职称（级别）, three strings a row.
    private var texts = PackedStrings()
    private var figures: [Figures] = []

    /// What a row holds besides its texts.
    private struct Figures: Sendable {
        var publicHours: Double
        var professionalHours: Double
        var totalHours: Double
        var passed: Bool
        var auditDate: CalendarDate?
    }

    public init() {}

    public init<Entries: Sequence<RosterEntry>>(_ entries: Entries) {
        for entry in entries { append(entry) }
    }

    /// Room for `rows` rows of up to 96 bytes of text.
    public mutating func reserveCapacity(_ rows: Int) {
        texts.reserveCapacity(rows * 3, bytes: 32)
        figures.reserveCapacity(rows)
    }

    public mutating func append(_ entry: RosterEntry) {
        texts.append(entry.name)
        texts.append(entry.idNumber)
        texts.append(entry.titleAndLevel)
        figures.append(Figures(publicHours: entry.publicHours, professionalHours: entry.professionalHours,
                               totalHours: entry.totalHours, passed: entry.passed, auditDate: entry.auditDate))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { figures.count }

    public subscript(index: Int) -> RosterEntry {
        let figures = figures[index]
        return RosterEntry(name: texts[3 * index], idNumber: texts[3 * index + 1], titleAndLevel: texts[3 * index + 2],
                           publicHours: figures.publicHours, professionalHours: figures.professionalHours,
                           totalHours: figures.totalHours, passed: figures.passed, auditDate: figures.auditDate)
    }
}
