import Archiving
import Foundation
import Records

/// The run report kept in the archive (运行报告): `reports/<year>/<unit>.<command>.json`, the last run
/// of that command for that unit and year: when it ran, what it wrote or skipped as unchanged, and
/// every person or document that failed, with why. It is bookkeeping, not a document: the manifest
/// does not list it, and it may carry the time (the PDFs never do).
public struct RunReportFile: Encodable {
    var command: String
    var version: String
    var records: String
    var unit: String
    var year: Int
    var started: String
    var finished: String
    var people: Int
    var written: Int
    var unchanged: Int
    var pages: Int
    var failures: [RenderReport.Failure]
    /// Stamped files left as the agency issued them (已盖章，未重写).
    var stamped: [RenderReport.KeptStamped]
    /// Print job volumes of an earlier split, deleted (`PrintJobVolumes`); absent when none.
    var removed: [String]?
    /// Without a ledger, that earlier years were not considered (as `check` says); absent with one.
    var notes: [String]?

    public init(command: String, version: String, loaded: LoadedRecords, report: RenderReport, started: Date) {
        self.command = command
        self.version = version
        records = loaded.fileName
        unit = loaded.records.unit.name
        year = loaded.records.year
        self.started = started.formatted(.iso8601)
        finished = Date.now.formatted(.iso8601)
        people = report.people
        written = report.written
        unchanged = report.unchanged
        pages = report.pages
        stamped = report.keptStamped
        removed = report.removed.isEmpty ? nil : report.removed
        notes = report.notes
        // Rejected people first, as the file has them: nothing of theirs was made.
        failures = loaded.rejected.map { person in
            RenderReport.Failure(subject: "第 \(person.index + 1) 人 "
                                    + Person.subject(name: person.name, idNumber: person.idNumber),
                                 document: "全部文件", message: "记录有误：" + person.problems.filter { $0.severity == .error }
                                    .map(\.description).joined(separator: "；"))
        } + report.failures
    }

    /// Writes the report into the archive laid out as `layout`, named as the unit's folder; returns its path.
    @discardableResult
    public func write(into layout: ArchiveLayout) throws(AtomicFile.WriteError) -> URL {
        let url = layout.root.appendingPathComponent(ArchivePath.reports).appendingPathComponent(String(year))
            .appendingPathComponent("\(layout.unitComponent(unit)).\(command).json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try! encoder.encode(self), to: url)
        return url
    }
}
