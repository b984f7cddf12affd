import Foundation
import Records

/// The rows of a unit's 附件2 (年度审验表), in file order, kept compact: a run collects a row for every
/// person before the roster is laid out. The texts of a chunk of rows are packed (`PackedStrings`)
/// with their figures beside them, some 140 bytes a row; given a `ChunkSpill`, each full chunk goes
/// there (`SpilledList`). A row is made again when it is read.
public struct Roster: RandomAccessCollection, Sendable {
    private var rows: SpilledList<Rows>
    /// How many rows passed, and the latest 审验日期: what the agency's 附件2 states of all its rows,
    /// kept as they come so that a spilled roster is not read back for them.
    public private(set) var passedCount = 0
    public private(set) var latestAuditDate: CalendarDate?

    /// `spill`: where full chunks go; nil keeps every row in memory.
    public init(spill: (any ChunkSpill)? = nil, chunkRows: Int = ListChunks.defaultRows) {
        rows = SpilledList(spill: spill, chunkRows: chunkRows)
    }

    public init<Entries: Sequence<RosterEntry>>(_ entries: Entries) {
        self.init()
        for entry in entries { append(entry) }
    }

    /// Room for `count` rows of up to 96 bytes of text, or for one chunk when chunks are spilled.
    public mutating func reserveCapacity(_ count: Int) { rows.reserveCapacity(count) }

    public mutating func append(_ entry: RosterEntry) {
        rows.append(entry)
        if entry.passed { passedCount += 1 }
        if let date = entry.auditDate, latestAuditDate.map({ date > $0 }) ?? true { latestAuditDate = date }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// A row that cannot be read back from the spill comes back blank (`readFailure`).
    public subscript(index: Int) -> RosterEntry { rows[index] }

    /// Why some rows could not be read back from the spill (a failing disk): the roster is then not
    /// to be used, its rows having come back blank. Nil while every row read back whole.
    public var readFailure: String? { rows.readFailure }

    /// What a row holds besides its texts.
    private struct Figures: Sendable {
        var publicHours: Double
        var professionalHours: Double
        var totalHours: Double
        var passed: Bool
        var auditDate: CalendarDate?
    }

    /// A chunk of rows in memory: three texts a row (name, 公民身份号码, 职称（级别）) and its figures.
    fileprivate struct Rows: ListChunk {
        private var texts = PackedStrings()
        private var figures: [Figures] = []

        init() {}

        var count: Int { figures.count }

        mutating func reserveCapacity(_ rows: Int) {
            texts.reserveCapacity(rows * 3, bytes: 32)
            figures.reserveCapacity(rows)
        }

        mutating func append(_ entry: RosterEntry) {
            texts.append(entry.name)
            texts.append(entry.idNumber)
            texts.append(entry.titleAndLevel)
            figures.append(Figures(publicHours: entry.publicHours, professionalHours: entry.professionalHours,
                                   totalHours: entry.totalHours, passed: entry.passed, auditDate: entry.auditDate))
        }

        subscript(index: Int) -> RosterEntry {
            let figures = figures[index]
            return RosterEntry(name: texts[3 * index], idNumber: texts[3 * index + 1], titleAndLevel: texts[3 * index + 2],
                               publicHours: figures.publicHours, professionalHours: figures.professionalHours,
                               totalHours: figures.totalHours, passed: figures.passed, auditDate: figures.auditDate)
        }

        /// The chunk as a spill keeps it: JSON, column by column.
        func encoded() -> [UInt8] {
            let columns = Columns(texts: Array(texts), hours: figures.flatMap { [$0.publicHours, $0.professionalHours, $0.totalHours] },
                                  passed: figures.map(\.passed),
                                  dates: figures.map { $0.auditDate.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0 })
            // Strings, numbers and booleans always encode.
            return Array(try! JSONEncoder().encode(columns))
        }

        /// Nil for bytes `encoded` did not write.
        init?(decoding bytes: [UInt8]) {
            guard let columns = try? JSONDecoder().decode(Columns.self, from: Data(bytes)),
                  columns.texts.count == 3 * columns.passed.count, columns.hours.count == 3 * columns.passed.count,
                  columns.dates.count == columns.passed.count else { return nil }
            for row in columns.passed.indices {
                let date = columns.dates[row]
                let auditDate = date == 0 ? nil : CalendarDate(year: date / 10_000, month: date / 100 % 100, day: date % 100)
                guard date == 0 || auditDate != nil else { return nil }
                append(RosterEntry(name: columns.texts[3 * row], idNumber: columns.texts[3 * row + 1],
                                   titleAndLevel: columns.texts[3 * row + 2], publicHours: columns.hours[3 * row],
                                   professionalHours: columns.hours[3 * row + 1], totalHours: columns.hours[3 * row + 2],
                                   passed: columns.passed[row], auditDate: auditDate))
            }
        }

        static var unreadable: RosterEntry {
            RosterEntry(name: "", idNumber: "", titleAndLevel: "", publicHours: 0, professionalHours: 0, totalHours: 0,
                        passed: false, auditDate: nil)
        }

        private struct Columns: Codable {
            var texts: [String]
            var hours: [Double]
            var passed: [Bool]
            /// YYYYMMDD, 0 for none.
            var dates: [Int]
        }
    }
}
