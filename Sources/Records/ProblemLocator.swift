/// Translates a JSON path of the records into the place the clerk edits when the records were made
/// from another file (a workbook or CSV, module Spreadsheet): `people[3].activities[1].end` →
/// `继续教育!F12（结束日期）`. Records knows only the protocol, not spreadsheets.
public protocol ProblemLocator: Sendable {
    /// Nil when the path has no place of its own in that file.
    func place(of path: String) -> String?
}

extension ProblemLocator {
    /// The problem with its place filled in (kept when it already has one).
    public func locate(_ problem: RecordsProblem) -> RecordsProblem {
        var located = problem
        if located.place == nil { located.place = place(of: problem.path) }
        return located
    }
}
