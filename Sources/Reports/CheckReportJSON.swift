import Foundation

/// The JSON of `cedocs check --json` and of /v1/check: the report's own `Codable` encoding (snake_case
/// keys, sorted), each person on a line of their own. The CLI walks a file of any size a person at a
/// time and the service encodes a whole report; both write these same bytes.
extension CheckReport {
    /// How the report's JSON is written: snake_case keys, sorted.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    public func json() throws -> Data {
        var data = Data()
        let frame = try Self.frame(self)
        data.append(frame.head)
        for (index, person) in people.enumerated() { data.append(try Self.line(person, first: index == 0)) }
        data.append(frame.tail)
        return data
    }

    /// The encoding of `report` without its people, split where they go. Only the report itself has a
    /// `people` array (the summary's `people` is a number), so the split is found by its text.
    fileprivate static func frame(_ report: CheckReport) throws -> (head: Data, tail: Data) {
        var frame = report
        frame.people = []
        let bytes = try encoder.encode(frame)
        guard let slot = bytes.range(of: Data(#""people":[]"#.utf8)) else {
            throw EncodingError.invalidValue(report, .init(codingPath: [], debugDescription: "no people array"))
        }
        return (bytes[..<slot.lowerBound] + Data(#""people":["#.utf8), Data("\n]".utf8) + bytes[slot.upperBound...])
    }

    fileprivate static func line(_ person: PersonResult, first: Bool) throws -> Data {
        Data((first ? "\n" : ",\n").utf8) + (try encoder.encode(person))
    }
}

extension CheckReport.Walk {
    /// The report's JSON as `CheckReport.json()` writes it, handed to `write` a piece at a time as the
    /// people are assessed, so that a file of any size is reported in little memory. Throws what
    /// `write` throws, `RecordsChangedError` when the records file was edited in place meanwhile, or
    /// an `EncodingError`.
    public func json(_ write: (Data) throws -> Void) throws -> CheckReport.Summary {
        // The keys are sorted: everything before the people (file, omitted) is known now; the summary
        // comes after them.
        var report = CheckReport(self, people: [], summary: .init(people: 0, valid: 0, passing: 0, failing: 0,
                                                                   withErrors: 0, warnings: 0))
        try write(try CheckReport.frame(report).head)
        var first = true
        var failure: (any Error)?
        report.summary = try run { person in
            guard failure == nil else { return }
            do {
                try write(try CheckReport.line(person, first: first))
            } catch {
                failure = error
            }
            first = false
        }
        if let failure { throw failure }
        try write(try CheckReport.frame(report).tail)
        return report.summary
    }
}
