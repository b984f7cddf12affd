import Foundation
import Pipeline
import Rules

/// The unit's page's fields (the template `unit`): the upload form, and after an upload the check
/// report as one table, a row per person in the file's order.
struct UnitContent {
    var unit: String
    var csrf: String
    var message: String?
    /// What went well (submitted), in green.
    var notice: String?
    var maxBytes: String
    var report: Report?
    /// The unit's submissions to its agency, and whether each is stamped.
    var submissions: [SubmissionRow]
    var hasSubmissions: Bool

    struct Problem {
        /// The cell of a spreadsheet (`继续教育!F12（结束日期）`), else the JSON path.
        var place: String
        var message: String
    }

    struct Activity {
        var content: String
        var hours: String
        var counted: Bool
        var explanation: String
    }

    struct Hours {
        var total: String
        var required: String
        var publicHours: String
        var professionalHours: String
        var activities: [Activity]
        var hasActivities: Bool
    }

    struct Person {
        var name: String
        var idNumber: String
        /// Nil for a person whose record could not be read: no hours were counted.
        var hours: Hours?
        var verdict: String
        /// `good`, `bad` (the style of the verdict).
        var tone: String
        var reasons: [String]
        /// How the 聘任周期 (细则二) judged the year, when it decided it (`CheckReport`'s `cycle`).
        var cycle: String?
        var problems: [Problem]
        var hasProblems: Bool
    }

    struct Report {
        var file: String
        var year: Int
        var summary: String
        /// Without a ledger (a unit's page), that earlier years were not considered (`Ledger.absentNote`).
        var notes: [String]
        var fileProblems: [Problem]
        var hasFileProblems: Bool
        var people: [Person]
        /// Every person's record is usable: the print job and 附件2 can be drawn.
        var downloadable: Bool
        /// Each person's 附件1 preview (the unit's page, which draws them from the session's records).
        var previews: Bool
        /// A box to tick each person for the stamp (the agency's view of a submission).
        var selectable = false
    }
}

extension UnitContent.Report {
    /// `report` of the file the clerk uploaded as `fileName`.
    init(_ report: CheckReport, fileName: String, previews: Bool, selectable: Bool = false) {
        typealias Row = (order: Int, person: UnitContent.Person)
        let valid: [Row] = report.people.map { person in
            // Credits from earlier years (上年度结转, a diploma) are rows of their own, as on 附件1.
            let activities = person.activities.map {
                UnitContent.Activity(content: $0.content, hours: HoursFormat.string($0.hours), counted: $0.counted,
                                     explanation: $0.explanation)
            } + (person.credits ?? []).map {
                UnitContent.Activity(content: "\($0.content)（\($0.sourceYear)年度）", hours: HoursFormat.string($0.hours),
                                     counted: true, explanation: $0.explanation)
            }
            let hours = UnitContent.Hours(total: HoursFormat.string(person.totalHours), required: HoursFormat.string(person.requiredTotal),
                                          publicHours: HoursFormat.string(person.publicHours),
                                          professionalHours: HoursFormat.string(person.professionalHours),
                                          activities: activities, hasActivities: !activities.isEmpty)
            let problems = person.problems.map(Self.problem)
            return (Self.order(person.path), UnitContent.Person(
                name: person.name, idNumber: person.idNumber, hours: hours, verdict: person.verdict,
                tone: person.verdict == "合格" ? "good" : "bad", reasons: person.reasons, cycle: person.cycle, problems: problems,
                hasProblems: !problems.isEmpty))
        }
        let rejected: [Row] = report.rejected.map { person in
            let problems = person.problems.map(Self.problem)
            return (Self.order(person.path), UnitContent.Person(
                name: person.name ?? "（未填姓名）", idNumber: person.idNumber ?? "", hours: nil, verdict: "记录有误",
                tone: "bad", reasons: [], cycle: nil, problems: problems, hasProblems: !problems.isEmpty))
        }
        let summary = report.summary
        file = fileName
        year = report.year
        self.summary = "共 \(summary.people) 人：合格 \(summary.passing) 人，不合格 \(summary.failing) 人，"
            + "记录有误 \(summary.withErrors) 人" + (summary.warnings > 0 ? "，提醒 \(summary.warnings) 条" : "") + "。"
        notes = report.notes ?? []
        fileProblems = report.problems.map(Self.problem)
        hasFileProblems = !fileProblems.isEmpty
        people = (valid + rejected).sorted { $0.order < $1.order }.map(\.person)
        downloadable = report.rejected.isEmpty && report.omitted == nil
        self.previews = previews
        self.selectable = selectable
    }

    static func problem(_ problem: CheckReport.Problem) -> UnitContent.Problem {
        UnitContent.Problem(place: problem.place ?? problem.path,
                            message: (problem.severity == "warning" ? "（提醒）" : "") + problem.message)
    }

    /// `people[12]` → 12: the person's place in the file.
    static func order(_ path: String) -> Int {
        Int(path.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }) ?? Int.max
    }
}
