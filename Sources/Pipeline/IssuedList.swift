import Records
import Stamping

/// The results a stamp run issued, in roster order, as its report lists them: kept packed, since a
/// run collects one for every person and the report outlives the run. As `StampReport.Issued` values
/// a line took some 200 bytes (its subject an object of its own, two serials of 32 bytes, the
/// verdict); here its subject is packed (`PackedStrings`) and the rest is a few numbers into small
/// tables, as a run's serials share their agency and year and its verdicts are a handful of texts
/// (issue 18: memory flat in the number of people). A line is made again when it is read.
public struct IssuedList: RandomAccessCollection, Sendable {
    private var subjects = PackedStrings()
    private var lines: [Line] = []
    /// The distinct agency-and-year parts of the serials, and the distinct verdicts.
    private var prefixes = Interned<Prefix>()
    private var verdicts = Interned<String>()

    private struct Prefix: Hashable, Sendable {
        var agency: String
        var year: Int
    }

    private struct Line {
        var serial: Number
        var replaced: Number?
        var verdict: Int32
        var reused: Bool
    }

    /// A serial: its prefix (an index into `prefixes`) and its sequence.
    private struct Number {
        var prefix: Int32
        var sequence: Int32
    }

    public init() {}

    public init<Lines: Sequence<StampReport.Issued>>(_ lines: Lines) {
        for line in lines { append(line) }
    }

    /// Room for `count` lines of subjects up to 48 bytes.
    public mutating func reserveCapacity(_ count: Int) {
        subjects.reserveCapacity(count, bytes: 48)
        lines.reserveCapacity(count)
    }

    public mutating func append(_ issued: StampReport.Issued) {
        subjects.append(issued.subject)
        lines.append(Line(serial: number(issued.serial), replaced: issued.replaced.map { number($0) },
                          verdict: verdicts.index(of: issued.verdict), reused: issued.reused))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { lines.count }

    public subscript(index: Int) -> StampReport.Issued {
        let line = lines[index]
        return StampReport.Issued(subject: subjects[index], serial: serial(line.serial), verdict: verdicts[line.verdict],
                                  reused: line.reused, replaced: line.replaced.map(serial))
    }

    private mutating func number(_ serial: Serial) -> Number {
        // A sequence is at most 999,999.
        Number(prefix: prefixes.index(of: Prefix(agency: serial.agency, year: serial.year)), sequence: Int32(serial.sequence))
    }

    private func serial(_ number: Number) -> Serial {
        let prefix = prefixes[number.prefix]
        // Made from a valid serial.
        return Serial(agency: prefix.agency, year: prefix.year, sequence: Int(number.sequence))!
    }

    /// Each distinct value once, numbered in the order first seen.
    private struct Interned<Value: Hashable & Sendable>: Sendable {
        private var values: [Value] = []
        private var numbers: [Value: Int32] = [:]

        mutating func index(of value: Value) -> Int32 {
            if let number = numbers[value] { return number }
            values.append(value)
            numbers[value] = Int32(values.count - 1)
            return Int32(values.count - 1)
        }

        subscript(number: Int32) -> Value { values[Int(number)] }
    }
}
