import Foundation

/// One thing wrong (or doubtful) in a records file, located by its JSON path and told in Chinese
/// so that the clerk who keeps the file can fix it without reading code.
public struct RecordsProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The value cannot be used: the person (or, at file level, the file) is rejected.
        case error
        /// The value is used, but the clerk should look at it (e.g. an activity outside the audit year).
        case warning
    }

    public var severity: Severity
    /// JSON path: `people[3].activities[1].end`, `unit.name`, `$` for the whole file.
    public var path: String
    /// One concrete sentence in Chinese naming the value found and what is expected.
    public var message: String
    /// Index in the file's `people` array when the problem is inside a person.
    public var personIndex: Int?
    /// Where the clerk finds the value when the records came from a spreadsheet: `继续教育!F12（结束日期）`
    /// (`ProblemLocator`). Nil for a records file, whose JSON path is the place.
    public var place: String?

    public init(severity: Severity, path: String, message: String, personIndex: Int? = nil, place: String? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.personIndex = personIndex
        self.place = place
    }

    public var isError: Bool { severity == .error }

    /// `people[3].activities[1].end: 结束日期早于开始日期（…）`, or `继续教育!F12（结束日期）: …`
    public var description: String { "\(place ?? path): \(message)" }
}

/// A person of the file that failed validation; the other people are still loaded.
public struct RejectedPerson: Sendable, Equatable {
    /// Index in the file's `people` array.
    public var index: Int
    /// The ID number as given (normalised when it was a string), to find the person in the file.
    public var idNumber: String?
    public var name: String?
    /// This person's problems, errors and warnings, in file order.
    public var problems: [RecordsProblem]

    public init(index: Int, idNumber: String?, name: String?, problems: [RecordsProblem]) {
        self.index = index
        self.idNumber = idNumber
        self.name = name
        self.problems = problems
    }
}

/// The result of loading a usable file: the valid people, the rejected ones, and every problem.
public struct LoadedRecords: Sendable {
    public var fileName: String
    /// Only the valid people, in file order.
    public var records: RecordsFile
    /// `sourceIndices[i]` is the index in the file of `records.people[i]`.
    public var sourceIndices: [Int]
    /// Invalid people: they never stop the valid ones.
    public var rejected: [RejectedPerson]
    /// Every problem found, errors and warnings, in file order (up to the loader's limit).
    public var problems: [RecordsProblem]
    /// All problems and rejected people, counted: more than `problems` and `rejected` hold when the
    /// loader was given a limit.
    public var counts: ProblemCounts
    /// Where the records came from when not from a records file (a workbook): places the problems
    /// found later, as each person is read again (`PersonList.checked`), in the clerk's file.
    public var locator: (any ProblemLocator)?

    public init(fileName: String, records: RecordsFile, sourceIndices: [Int], rejected: [RejectedPerson],
                problems: [RecordsProblem], counts: ProblemCounts? = nil) {
        self.fileName = fileName
        self.records = records
        self.sourceIndices = sourceIndices
        self.rejected = rejected
        self.problems = problems
        self.counts = counts ?? ProblemCounts(errors: problems.filter(\.isError).count,
                                              warnings: problems.filter { !$0.isError }.count,
                                              rejectedPeople: rejected.count,
                                              rejectedProblems: rejected.map(\.problems.count).reduce(0, +))
    }

    public var errors: [RecordsProblem] { problems.filter(\.isError) }
    public var warnings: [RecordsProblem] { problems.filter { !$0.isError } }
}

/// The file as a whole is unusable (unreadable, not JSON, wrong schema, bad year or unit…).
///
/// `problems` holds every problem found, including those of people, so that the clerk can fix the
/// file in one pass.
public struct RecordsFileError: Error, Sendable, CustomStringConvertible {
    public var fileName: String
    public var problems: [RecordsProblem]
    /// Problems found but not kept (past the loader's limit).
    public var omitted: Int
    /// Set when the file was refused for listing more people than this (the load's `peopleLimit`).
    public var peopleLimit: Int?

    public init(fileName: String, problems: [RecordsProblem], omitted: Int = 0) {
        self.fileName = fileName
        self.problems = problems
        self.omitted = omitted
    }

    /// The file as a whole: `$` is its path.
    static func file(_ fileName: String, _ message: String) -> RecordsFileError {
        RecordsFileError(fileName: fileName, problems: [RecordsProblem(severity: .error, path: "$", message: message)])
    }

    /// More people than `limit`: read no further.
    static func tooManyPeople(_ fileName: String, limit: Int) -> RecordsFileError {
        var error = RecordsFileError(fileName: fileName, problems: [
            RecordsProblem(severity: .error, path: "people", message: "人员名单超过 \(limit) 人的上限，未再往下读取"),
        ])
        error.peopleLimit = limit
        return error
    }

    public var description: String {
        (["文件 \(fileName) 无法使用："] + problems.map { "  \($0)" }
         + (omitted > 0 ? ["  ……另有 \(omitted) 个问题未列出"] : [])).joined(separator: "\n")
    }
}
