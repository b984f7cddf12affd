/// The problems of a whole file, kept up to a limit and all counted: a file of millions of bad people
/// must not hold millions of messages (`cedocs check` keeps the first thousand).
struct ProblemTally {
    let limit: Int
    private(set) var kept: [RecordsProblem] = []
    private(set) var errors = 0
    private(set) var warnings = 0

    init(limit: Int) { self.limit = max(0, limit) }

    mutating func add(_ problems: [RecordsProblem]) {
        for problem in problems {
            if problem.isError { errors += 1 } else { warnings += 1 }
            if kept.count < limit { kept.append(problem) }
        }
    }

    /// The file as a whole is unusable: what was kept, and how many more there were.
    func fileError(_ fileName: String) -> RecordsFileError {
        RecordsFileError(fileName: fileName, problems: kept, omitted: errors + warnings - kept.count)
    }
}

/// The rejected people, kept while their problems fit in the limit (the first person past it with
/// as many of its problems as fit) and all counted.
struct RejectedTally {
    private var room: Int
    private(set) var kept: [RejectedPerson] = []
    private(set) var count = 0
    /// All the rejected people's problems, kept or not.
    private(set) var problems = 0

    init(limit: Int) { room = max(0, limit) }

    mutating func add(index: Int, idNumber: String?, name: String?, problems: [RecordsProblem]) {
        count += 1
        self.problems += problems.count
        guard room > 0 else { return }
        let shown = Array(problems.prefix(room))
        room -= shown.count
        kept.append(RejectedPerson(index: index, idNumber: idNumber, name: name, problems: shown))
    }
}

/// How many problems and rejected people a file has in all, including those a limit left out of
/// `LoadedRecords.problems` and `rejected`.
public struct ProblemCounts: Sendable, Equatable {
    public var errors: Int
    public var warnings: Int
    public var rejectedPeople: Int
    /// The problems of the rejected people (they are among `errors` and `warnings` too).
    public var rejectedProblems: Int

    public init(errors: Int, warnings: Int, rejectedPeople: Int, rejectedProblems: Int) {
        self.errors = errors
        self.warnings = warnings
        self.rejectedPeople = rejectedPeople
        self.rejectedProblems = rejectedProblems
    }
}
