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
        /// The cell when the records came from a spreadsheet (`继续教育!F12（结束日期）`); absent otherwise.
        public var place: String?
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
        /// The part of `hours` credited to the following year (with a ledger only).
        public var carriedHours: Double?
    }

    /// Hours credited across years (学时台账), with the activity and year they come from.
    public struct CreditResult: Sendable, Codable, Equatable {
        /// `carry_over` (细则四(二)…(六) 上年度结转) or `diploma` (四(三) 学历证书三年内有效).
        public var reason: String
        public var sourceYear: Int
        public var targetYear: Int
        public var kind: String
        public var clause: String
        public var content: String
        public var subject: String
        public var hours: Double
        public var explanation: String

        init(_ credit: LedgerCredit, clausePrefix: String) {
            reason = credit.reason.rawValue
            sourceYear = credit.sourceYear
            targetYear = credit.targetYear
            kind = credit.kind.rawValue
            clause = credit.clause
            content = credit.content
            subject = credit.subject.chinese
            hours = credit.hours
            explanation = credit.explanation(clausePrefix: clausePrefix)
        }
    }

    public struct PersonResult: Sendable, Codable, Equatable {
        public var path: String
        /// The person's row when the records came from a spreadsheet; absent otherwise.
        public var place: String?
        public var idNumber: String
        public var name: String
        public var level: String
        public var activities: [ActivityResult]
        public var publicHours: Double
        public var professionalHours: Double
        public var totalHours: Double
        public var requiredTotal: Double
        public var requiredPublic: Double
        /// 合格 or 不合格 (`AuditVerdict.word`)
        public var verdict: String
        public var reasons: [String]
        public var audited: Bool
        public var problems: [Problem]
        /// Credits from earlier years counted in the totals; absent without a ledger.
        public var credits: [CreditResult]?
        /// Credits the year's activities give to later years; absent without a ledger.
        public var carried: [CreditResult]?
        /// How the 聘任周期 (细则二) judged the year's hours, when it decided them (`PersonAssessment.cycleLine`).
        public var cycle: String?
    }

    public struct RejectedPerson: Sendable, Codable, Equatable {
        public var path: String
        /// The person's row when the records came from a spreadsheet (`人员!A5`); absent otherwise.
        public var place: String?
        public var idNumber: String?
        public var name: String?
        public var problems: [Problem]
    }

    /// What a report of a file with very many problems leaves out (`cedocs check` lists the first
    /// thousand): rejected people not listed, and problems of rejected people not listed.
    public struct Omitted: Sendable, Codable, Equatable {
        public var rejected: Int
        public var problems: Int
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
    /// Notes on the whole report: without a ledger, that earlier years were not considered.
    public var notes: [String]?
    /// Problems of the file and the unit (not of one person).
    public var problems: [Problem]
    public var people: [PersonResult]
    public var rejected: [RejectedPerson]
    /// Nil when the report lists everything.
    public var omitted: Omitted?
    public var summary: Summary

    /// The whole report at once (the service's, for a request of bounded size). Throws only when the
    /// records file was edited in place while it was being checked.
    public init(_ loaded: LoadedRecords, engine: RulesEngine = RulesEngine()) throws(RecordsChangedError) {
        let walk = Walk(loaded, engine: engine)
        var people: [PersonResult] = []
        let summary = try walk.run { people.append($0) }
        self.init(walk, people: people, summary: summary)
    }

    /// What `walk` knows at once, with these people and this summary.
    init(_ walk: Walk, people: [PersonResult], summary: Summary) {
        file = walk.file
        year = walk.year
        unit = walk.unit
        notes = walk.notes
        problems = walk.problems
        rejected = walk.rejected
        omitted = walk.omitted
        self.people = people
        self.summary = summary
    }

    /// The report a person at a time, for a file of any size (`cedocs check`): the file's problems and
    /// the rejected people are known at once; each valid person's result is handed over as it is
    /// made, and only the counts are kept.
    public struct Walk {
        public let file: String
        public let year: Int
        public let unit: String
        public let notes: [String]?
        public let problems: [Problem]
        public let rejected: [RejectedPerson]
        public let omitted: Omitted?
        private let loaded: LoadedRecords
        private let engine: RulesEngine

        public init(_ loaded: LoadedRecords, engine: RulesEngine = RulesEngine()) {
            self.loaded = loaded
            self.engine = engine
            file = loaded.fileName
            year = loaded.records.year
            unit = loaded.records.unit.name
            notes = engine.notes
            let locator = loaded.locator
            problems = loaded.problems.filter { $0.personIndex == nil }.map { Self.problem($0, locator) }
            rejected = loaded.rejected.map { r in
                RejectedPerson(path: "people[\(r.index)]", place: locator?.place(of: "people[\(r.index)]"),
                               idNumber: r.idNumber, name: r.name, problems: r.problems.map { Self.problem($0, locator) })
            }
            let counts = loaded.counts
            let listed = Omitted(rejected: counts.rejectedPeople - loaded.rejected.count,
                                 problems: counts.rejectedProblems - loaded.rejected.map(\.problems.count).reduce(0, +))
            omitted = listed.rejected > 0 || listed.problems > 0 ? listed : nil
        }

        /// Each valid person's result, in file order; then the summary. Throws only when the records
        /// file was edited in place meanwhile.
        public func run(_ each: (PersonResult) -> Void) throws(RecordsChangedError) -> Summary {
            let records = loaded.records
            let counts = loaded.counts
            // The loader counted every warning of the file (the valid people's too); the rules' are added.
            var summary = Summary(people: records.people.count + counts.rejectedPeople, valid: records.people.count,
                                  passing: 0, failing: 0, withErrors: counts.rejectedPeople, warnings: counts.warnings)
            // Each person is read again, checked and judged on every core; counted and handed over in file order.
            let sourceIndices = loaded.sourceIndices
            try ParallelBatches(count: sourceIndices.count).run({ position -> Swift.Result<Judged, RecordsChangedError> in
                Swift.Result { () throws(RecordsChangedError) -> Judged in
                    // The person's own validation warnings come with it, read again like the person.
                    let (person, validation) = try records.people.checked(at: position)
                    let loaderProblems = validation.map { Self.problem($0, loaded.locator) }
                    let assessment = engine.assess(person, year: records.year)
                    let result = Self.result(person, assessment, path: "people[\(sourceIndices[position])]",
                                             loaderProblems: loaderProblems, locator: loaded.locator,
                                             clausePrefix: engine.policy.clausePrefix)
                    // The loader counted its warnings already; the rules' are added.
                    let ruled = result.problems.dropFirst(loaderProblems.count)
                    return Judged(result: result, passes: assessment.verdict.isPass,
                                  ruleWarnings: ruled.filter { $0.severity == "warning" }.count)
                }
            }, each: { (_, outcome) throws(RecordsChangedError) in
                let judged = try outcome.get()
                if judged.passes { summary.passing += 1 } else { summary.failing += 1 }
                if judged.result.problems.contains(where: { $0.severity == "error" }) { summary.withErrors += 1 }
                summary.warnings += judged.ruleWarnings
                each(judged.result)
            })
            return summary
        }

        /// One person's result with what the summary counts of it.
        private struct Judged {
            var result: PersonResult
            var passes: Bool
            var ruleWarnings: Int
        }

        private static func result(_ person: Person, _ assessment: PersonAssessment, path: String,
                                   loaderProblems: [Problem], locator: (any ProblemLocator)?,
                                   clausePrefix: String) -> PersonResult {
            let activities = zip(person.activities, assessment.activities).enumerated().map { i, pair in
                ActivityResult(path: "\(path).activities[\(i)]", kind: pair.0.kind.rawValue,
                               subject: pair.0.subject.chinese, content: pair.0.content, claimed: pair.0.hours,
                               hours: pair.1.hours, counted: pair.1.counted, clause: pair.1.clause,
                               explanation: pair.1.explanation,
                               carriedHours: pair.1.carriedHours > 0 ? pair.1.carriedHours : nil)
            }
            func credits(_ list: [LedgerCredit]) -> [CreditResult]? {
                assessment.historyConsidered ? list.map { CreditResult($0, clausePrefix: clausePrefix) } : nil
            }
            // The loader's warnings about this person, then what the rules found, under the person's path.
            let ruled = assessment.activities.enumerated().flatMap { i, result in
                let at = "\(path).activities[\(i)]", place = locator?.place(of: at)
                return result.errors.map { Problem(severity: "error", path: at, message: $0, place: place) }
                    + result.warnings.map { Problem(severity: "warning", path: at, message: $0, place: place) }
            }
            return PersonResult(path: path, place: locator?.place(of: path), idNumber: person.idNumber, name: person.name, level: person.level.rawValue,
                                activities: activities, publicHours: assessment.publicHours,
                                professionalHours: assessment.professionalHours, totalHours: assessment.totalHours,
                                requiredTotal: assessment.requiredTotal, requiredPublic: assessment.requiredPublic,
                                verdict: assessment.verdict.word,
                                reasons: assessment.verdict.reasons, audited: person.audit != nil,
                                problems: loaderProblems + ruled,
                                credits: credits(assessment.credits), carried: credits(assessment.carried),
                                cycle: assessment.cycleLine)
        }

        private static func problem(_ p: RecordsProblem, _ locator: (any ProblemLocator)?) -> Problem {
            Problem(severity: p.severity.rawValue, path: p.path, message: p.message,
                    place: p.place ?? locator?.place(of: p.path))
        }
    }

}
