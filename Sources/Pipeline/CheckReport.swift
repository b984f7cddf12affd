import Foundation
import Records
import Rules

/// What `cedocs check` finds in a records file: validation problems, each person's recognised hours
/// with the clause that gave them, totals, and the verdict. Encodes to the JSON of `check --json`
/// (and of the service's /v1/check), so other programs read the same facts the clerk reads.
public struct CheckReport: Sendable, Codable, Equatable {
    public struct Problem: Sendable, Codable, Equatable {
        public var severity: String
        public var path: String
        public var message: String
    }

    public struct ActivityResult: Sendable, Codable, Equatable {
        public var path: String
        public var kind: String
        public var subject: String
        public var content: String
        public var claimed: Double?
        public var hours: Double
        public var counted: Bool
        public var clause: String
        public var explanation: String
    }

    public struct PersonResult: Sendable, Codable, Equatable {
        public var path: String
        public var idNumber: String
        public var name: String
        public var level: String
        public var activities: [ActivityResult]
        public var publicHours: Double
        public var professionalHours: Double
        public var totalHours: Double
        public var requiredTotal: Double
        public var requiredPublic: Double
        /// 合格 or 不合格
        public var verdict: String
        public var reasons: [String]
        public var audited: Bool
        public var problems: [Problem]
    }

    public struct RejectedPerson: Sendable, Codable, Equatable {
        public var path: String
        public var idNumber: String?
        public var name: String?
        public var problems: [Problem]
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var people: Int
        public var valid: Int
        public var passing: Int
        public var failing: Int
        /// People whose record has errors: rejected, or with activities the rules refuse.
        public var withErrors: Int
        public var warnings: Int
    }

    public var file: String
    public var year: Int
    public var unit: String
    /// Problems of the file and the unit (not of one person).
    public var problems: [Problem]
    public var people: [PersonResult]
    public var rejected: [RejectedPerson]
    public var summary: Summary

    /// 0 clean, 1 some people invalid or with errors the rules found.
    public var exitStatus: Int32 { summary.withErrors == 0 ? 0 : 1 }

    /// Throws only when the records file was edited in place while it was being checked.
    public init(_ loaded: LoadedRecords, engine: RulesEngine = RulesEngine()) throws(RecordsChangedError) {
        let records = loaded.records
        file = loaded.fileName
        year = records.year
        unit = records.unit.name
        func problem(_ p: RecordsProblem) -> Problem {
            Problem(severity: p.severity.rawValue, path: p.path, message: p.message)
        }
        problems = loaded.problems.filter { $0.personIndex == nil }.map(problem)
        let loaderProblems = Dictionary(grouping: loaded.problems.filter { $0.personIndex != nil }, by: { $0.personIndex! })
        people = []
        people.reserveCapacity(records.people.count)
        for (position, index) in loaded.sourceIndices.enumerated() {
            let person = try records.people.person(at: position)
            let assessment = engine.assess(person, year: records.year)
            let path = "people[\(index)]"
            let activities = zip(person.activities, assessment.activities).enumerated().map { i, pair in
                ActivityResult(path: "\(path).activities[\(i)]", kind: pair.0.kind.rawValue,
                               subject: pair.0.subject.chinese, content: pair.0.content, claimed: pair.0.hours,
                               hours: pair.1.hours, counted: pair.1.counted, clause: pair.1.clause,
                               explanation: pair.1.explanation)
            }
            // The loader's warnings about this person, then what the rules found, under the person's path.
            let ruled = assessment.activities.enumerated().flatMap { i, result in
                result.errors.map { Problem(severity: "error", path: "\(path).activities[\(i)]", message: $0) }
                    + result.warnings.map { Problem(severity: "warning", path: "\(path).activities[\(i)]", message: $0) }
            }
            let found = (loaderProblems[index] ?? []).map(problem) + ruled
            people.append(PersonResult(path: path, idNumber: person.idNumber, name: person.name, level: person.level.rawValue,
                                       activities: activities, publicHours: assessment.publicHours,
                                       professionalHours: assessment.professionalHours, totalHours: assessment.totalHours,
                                       requiredTotal: assessment.requiredTotal, requiredPublic: assessment.requiredPublic,
                                       verdict: assessment.verdict.isPass ? "合格" : "不合格",
                                       reasons: assessment.verdict.reasons, audited: person.audit != nil, problems: found))
        }
        rejected = loaded.rejected.map { r in
            RejectedPerson(path: "people[\(r.index)]", idNumber: r.idNumber, name: r.name, problems: r.problems.map(problem))
        }
        let withRuleErrors = people.filter { $0.problems.contains { $0.severity == "error" } }.count
        summary = Summary(people: people.count + rejected.count, valid: people.count,
                          passing: people.filter { $0.verdict == "合格" }.count,
                          failing: people.filter { $0.verdict == "不合格" }.count,
                          withErrors: rejected.count + withRuleErrors,
                          warnings: (problems + people.flatMap(\.problems) + rejected.flatMap(\.problems))
                            .filter { $0.severity == "warning" }.count)
    }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(self)) ?? Data()
    }
}
