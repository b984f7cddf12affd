import Records
import Stamping

/// The results a stamp run issued, in roster order, as its report lists them: kept packed, since a
/// run collects one for every person and the report outlives the run. As `StampReport.Issued` values
/// a line took some 200 bytes (its subject an object of its own, two serials of 32 bytes, the
/// verdict); here the subjects go to a `SpilledList` (to the run's scratch file once they are more
/// than a chunk) and the rest is 16 bytes of numbers into small tables, as a run's serials share their
/// agency and year and its verdicts are a handful of texts (issue 18: memory flat in the number of
/// people). A line is made again when it is read.
///
/// The serials never leave memory: the unit's signed 附件2 lists them all (`serials`), so they must
/// never read back wrong. A subject that cannot be read back reads as empty (`readFailure`); it is
/// only ever shown.
public struct IssuedList: RandomAccessCollection, Sendable {
    private var subjects: SpilledList<PackedStrings>
    private var lines: [Line] = []
    /// The distinct agency-and-year parts of the serials, and the distinct verdicts.
    private var prefixes = Interned<Prefix>()
    private var verdicts = Interned<String>()

    private struct Prefix: Hashable, Sendable {
        var agency: String
        var year: Int

        init(_ serial: Serial) {
            agency = serial.agency
            year = serial.year
        }
    }

    /// A serial's sequence (1 to 999,999) and its prefix (an index into `prefixes`); the replaced
    /// serial's, 0 for none.
    private struct Line {
        var sequence: UInt32
        var replacedSequence: UInt32
        var prefix: UInt16
        var replacedPrefix: UInt16
        var verdict: UInt16
        var reused: Bool
    }

    /// `spill`: where the subjects go once they are more than a chunk; nil keeps them in memory.
    public init(spill: (any ChunkSpill)? = nil, chunkRows: Int = ListChunks.defaultRows) {
        subjects = SpilledList(spill: spill, chunkRows: chunkRows)
    }

    public init<Lines: Sequence<StampReport.Issued>>(_ lines: Lines) {
        self.init()
        for line in lines { append(line) }
    }

    /// Room for `count` lines.
    public mutating func reserveCapacity(_ count: Int) {
        subjects.reserveCapacity(count)
        lines.reserveCapacity(count)
    }

    public mutating func append(_ issued: StampReport.Issued) {
        subjects.append(issued.subject)
        lines.append(Line(sequence: UInt32(issued.serial.sequence), replacedSequence: UInt32(issued.replaced?.sequence ?? 0),
                          prefix: prefixes.index(of: Prefix(issued.serial)),
                          replacedPrefix: issued.replaced.map { prefixes.index(of: Prefix($0)) } ?? 0,
                          verdict: verdicts.index(of: issued.verdict), reused: issued.reused))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { lines.count }

    public subscript(index: Int) -> StampReport.Issued {
        let line = lines[index]
        return StampReport.Issued(subject: subjects[index], serial: serial(line.prefix, line.sequence),
                                  verdict: verdicts[line.verdict], reused: line.reused,
                                  replaced: line.replacedSequence == 0 ? nil : serial(line.replacedPrefix, line.replacedSequence))
    }

    /// Each line's serial, in order, read from memory alone.
    public var serials: some Sequence<Serial> { lines.lazy.map { serial($0.prefix, $0.sequence) } }

    /// The `index`th line's serial, read from memory alone.
    public func serial(at index: Int) -> Serial { serial(lines[index].prefix, lines[index].sequence) }

    /// Whether any line is a result issued anew (not reused), read from memory alone.
    public var issuesNew: Bool { lines.contains { !$0.reused } }

    /// Why some subjects could not be read back from the run's scratch file; nil while all did.
    public var readFailure: String? { subjects.readFailure }

    private func serial(_ prefix: UInt16, _ sequence: UInt32) -> Serial {
        let prefix = prefixes[prefix]
        // Made from a valid serial.
        return Serial(agency: prefix.agency, year: prefix.year, sequence: Int(sequence))!
    }

    /// Each distinct value once, numbered in the order first seen. A run's serials share their agency
    /// and year (the replaced ones too: a result in force is the agency's, of that year) and its
    /// verdicts are 合格, 不合格 and the unit's tally: never near 65,536 values.
    private struct Interned<Value: Hashable & Sendable>: Sendable {
        private var values: [Value] = []
        private var numbers: [Value: UInt16] = [:]

        mutating func index(of value: Value) -> UInt16 {
            if let number = numbers[value] { return number }
            values.append(value)
            numbers[value] = UInt16(values.count - 1)
            return UInt16(values.count - 1)
        }

        subscript(number: UInt16) -> Value { values[Int(number)] }
    }
}
