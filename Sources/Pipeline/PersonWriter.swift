import Archiving
import Documents
import Foundation
import Layout
import Records
import Rules

/// One worker's part of a batch (`BatchRenderer`): a person's 附件1 and certificate pages, each
/// skipped when the archive holds it made from the same input, and the 附件1 pages for the print job.
struct PersonWriter {
    let renderer: DocumentRenderer
    let builder: DocumentBuilder
    let layout: ArchiveLayout
    let recordsFolder: URL
    let options: RenderOptions
    let documents: Set<OutputDocument>
    let archive: ArchiveRecording?
    /// Whose 附件1 pages the print job needs: those of the volumes being written.
    let printPages: BatchRenderer.PrintPages
    /// The unit's 附件2 is stamped, so each person's record digest is needed to tell whether it changed.
    let rosterStamped: Bool
    /// The unit's record as `InputDigest.RecordText` holds it, written out once for the run.
    let unitText: String

    /// The `index`th valid person of the records, read from the file again.
    func render(_ index: Int, engine: RulesEngine) -> BatchRenderer.PersonOutcome {
        var outcome = BatchRenderer.PersonOutcome()
        outcome.report.people = 1
        do throws(RecordsChangedError) {
            return render(try builder.records.people.person(at: index), engine: engine,
                          printJobNeeded: printPages.needed(index), outcome)
        } catch {
            outcome.report.failures.append(.init(subject: error.path, document: "全部文件", message: error.description))
            return outcome
        }
    }

    /// `printJobNeeded`: the print job volume being written needs the person's 附件1 pages.
    private func render(_ person: Person, engine: RulesEngine, printJobNeeded: Bool,
                        _ outcome: BatchRenderer.PersonOutcome) -> BatchRenderer.PersonOutcome {
        var outcome = outcome
        let year = builder.records.year
        let shown = person.asTheUnitShows
        let assessment = engine.assess(shown, year: year)
        outcome.entry = RosterEntry(shown, assessment)
        // The record's digest tells a stamped file (or 附件2) whether its record changed since: needed for
        // a stamped 附件2, or with an archive when a person's file is to be written; the person's input
        // digest only matters with an archive, and is shared by both documents.
        let recordNeeded = rosterStamped
            || (archive != nil && !documents.isDisjoint(with: [OutputDocument.registration, .certificate]))
        let text = recordNeeded ? InputDigest.RecordText(person, year: year, unit: unitText) : nil
        let record = text.map(InputDigest.record)
        if rosterStamped { outcome.record = record }
        guard let folder = layout.personFolder(id: person.idNumber, year: year) else { return outcome }
        // The report is passed in, not captured: a captured `outcome` would make every access to it exclusive.
        func keepsStamped(_ kind: DocumentKind, _ report: inout RenderReport) -> Bool {
            guard let archive, let record else { return false }
            return archive.keepsStamped(kind.file(in: folder), record: record, subject: person.subject,
                                        document: kind.chineseName, report: &report)
        }
        let digests = archive.map { archive in
            // Without an `audit` the unit's view is the record itself, whose text is written out already.
            let shownText = shown == person ? text : nil
            return (archive.digest, archive.digest.person(shownText ?? InputDigest.RecordText(shown, year: year, unit: unitText),
                                                          assessment))
        }
        func origin(_ kind: DocumentKind, extra: [String] = []) -> FileOrigin {
            FileOrigin(person: person.idNumber, unit: builder.records.unit.name, year: year, kind: kind.rawValue,
                       input: digests.map { $0.0.document(kind, person: $0.1, extra: extra) })
        }

        let data = builder.registration(shown, assessment)
        var laidOut = false
        if documents.contains(.registration) && !keepsStamped(.registration, &outcome.report) {
            let target = DocumentKind.registration.file(in: folder)
            let registration = origin(.registration)
            if archive?.isCurrent(target, registration) ?? false {
                outcome.report.unchanged += 1
            } else {
                laidOut = true
                write(.registration, data, into: folder, origin: registration, keepingPages: printJobNeeded,
                      report: &outcome.report) { outcome.printPages = printJobNeeded ? $0.laidOut : nil }
            }
        }
        if printJobNeeded && !laidOut {
            do { outcome.printPages = try renderer.compose(.registration, data).pages } catch {
                outcome.report.failures.append(.init(subject: data.subject, document: DocumentKind.registration.chineseName,
                                                     message: error.description))
            }
        }
        if documents.contains(.certificate) && !keepsStamped(.certificate, &outcome.report) {
            var certificate = builder.certificate(shown, assessment)
            renderer.resolvePhoto(&certificate, person: shown, recordsFolder: recordsFolder, report: &outcome.report)
            let photo = certificate.images["person.photo"].flatMap { FileDigest.measure(URL(fileURLWithPath: $0))?.sha256 }
            let target = DocumentKind.certificate.file(in: folder)
            let made = origin(.certificate, extra: ["photo \(photo ?? "none")"])
            if archive?.isCurrent(target, made) ?? false {
                outcome.report.unchanged += 1
            } else {
                write(.certificate, certificate, into: folder, origin: made, report: &outcome.report)
            }
        }
        return outcome
    }

    /// Renders and writes one document, recorded in the archive.
    private func write(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, origin: FileOrigin,
                       keepingPages: Bool = false, report: inout RenderReport, done: (ProducedDocument) -> Void = { _ in }) {
        ArchiveRecording.write(kind.file(in: folder), origin, in: archive, subject: data.subject,
                         document: kind.chineseName, report: &report) { report in
            guard let produced = renderer.write(kind, data, into: folder, options: options, keepingPages: keepingPages,
                                                report: &report) else { return nil }
            done(produced)
            return .init(measure: produced.measure, previews: options.png ? produced.pages : 0)
        }
    }
}
