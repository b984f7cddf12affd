import Records

/// The import's own problems joined with the loader's. A value the import could not read (an ID kept
/// as a number, a date it cannot parse) was written as found, so the loader rejects the person too:
/// its message at the same path is dropped for the import's, which names what the clerk did and how
/// to fix it. Every other problem gets its cell. An import problem of a person the loader kept (a
/// value the rules judge, not the loader) is listed with the file's problems, so it is still shown.
struct ImportedProblems {
    private let own: [RecordsProblem]
    private let locator: CellMap
    /// Paths of the import's errors: the loader's errors there are the same fault.
    private let covered: Set<String>

    init(_ own: [RecordsProblem], locator: CellMap) {
        self.own = own
        self.locator = locator
        covered = Set(own.filter { $0.isError && $0.personIndex != nil }.map(\.path))
    }

    private func kept(_ problem: RecordsProblem) -> Bool { !(problem.isError && covered.contains(problem.path)) }

    func apply(to loaded: inout LoadedRecords) {
        let rejected = Set(loaded.rejected.map(\.index))
        var dropped = loaded.problems.count
        loaded.problems = loaded.problems.filter(kept)
        dropped -= loaded.problems.count
        var droppedOfRejected = 0
        for i in loaded.rejected.indices {
            let person = loaded.rejected[i]
            let kept = person.problems.filter(kept)
            droppedOfRejected += person.problems.count - kept.count
            loaded.rejected[i].problems = own.filter { $0.personIndex == person.index } + kept.map(locator.locate)
        }
        let ownOfRejected = own.filter { $0.personIndex.map(rejected.contains) ?? false }
        let listed = own.map { problem -> RecordsProblem in
            var problem = problem
            if let index = problem.personIndex, !rejected.contains(index) { problem.personIndex = nil }
            return problem
        }
        loaded.problems = listed + loaded.problems.map(locator.locate)
        loaded.counts.errors += own.filter(\.isError).count - dropped
        loaded.counts.warnings += own.filter { !$0.isError }.count
        loaded.counts.rejectedProblems += ownOfRejected.count - droppedOfRejected
        loaded.locator = locator
    }

    func applied(to error: RecordsFileError) -> RecordsFileError {
        var error = error
        error.problems = own + error.problems.filter(kept).map(locator.locate)
        return error
    }
}
