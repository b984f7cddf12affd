import Archiving
import Documents
import Foundation
import Layout
import Records
import Render
import Rules

/// Which documents a run writes.
public enum OutputDocument: String, Sendable, CaseIterable {
    /// Each person's 附件1 (`registration.pdf`).
    case registration
    /// Each person's certificate pages (`certificate.pdf`).
    case certificate
    /// The unit's 附件2 (`annual-audit.pdf`).
    case annualAudit = "annual-audit"
    /// Every 附件1 in one PDF for one print job (`registrations.pdf`).
    case printJob = "print-job"
}

/// Renders a unit's validated records into an output folder on several threads: each person's 附件1
/// and certificate pages, the unit's 附件2, and the print job holding every 附件1 in roster order (in
/// volumes of `PrintJobVolumes`).
///
/// Each worker thread owns its Pango font map and Cairo surfaces (Pango 1.50 corrupts memory when
/// threads share a font map); people are handed out one at a time, each read from the records file
/// by the worker that renders it (`PersonList`), and only a roster row of each is kept for 附件2. The calling thread collects the
/// people in roster order and draws the print job as they arrive; workers stay at most `window`
/// people ahead of it, so memory does not grow with the number of people. One person's failure is
/// reported and the others go on; every file is written whole or not at all.
public final class BatchRenderer: Sendable {
    let templates: TemplateSet
    let fonts: FontLibrary
    let engine: RulesEngine
    let jobs: Int
    /// How far workers may run ahead of the print job (people).
    let window: Int
    /// People in one volume of the print job (`PrintJobVolumes.standardSize`; tests make it small).
    let volumeSize: Int

    public init(templates: TemplateSet, fonts: FontLibrary, engine: RulesEngine = RulesEngine(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int = 64,
                volumeSize: Int = PrintJobVolumes.standardSize) {
        self.templates = templates
        self.fonts = fonts
        self.engine = engine
        self.jobs = max(1, jobs)
        self.window = max(1, window)
        self.volumeSize = max(1, volumeSize)
    }

    /// Renders every valid person and the unit's documents. With `archive`, each file is journaled
    /// and recorded in the manifest, and a file whose input is unchanged is not written again;
    /// `progress` is called on the calling thread after each person.
    public func run(_ loaded: LoadedRecords, recordsFolder: URL, options: RenderOptions,
                    documents: Set<OutputDocument> = Set(OutputDocument.allCases), archive: ArchiveRecording? = nil,
                    progress: ((BatchProgress) -> Void)? = nil) -> RenderReport {
        let records = loaded.records
        FreedMemory.giveBack()
        let layout = archive?.layout ?? ArchiveLayout(root: options.output)
        let unitFolder = layout.unitFolder(name: records.unit.name, year: records.year)
        let volumes = PrintJobVolumes(people: records.people.count, size: volumeSize)
        let printJobs = (0..<volumes.count).map { volume in
            let target = unitFolder.appendingPathComponent(volumes.fileName(volume))
            let origin = unitOrigin("print-job", digesting: volumes.digestName(volume), kinds: [.registration], records, archive)
            return (target: target, origin: origin,
                    needed: documents.contains(.printJob) && !(archive?.isCurrent(target, origin) ?? false))
        }
        // People's 附件1 pages are only laid out for a print job volume that is to be written.
        let printPages = PrintPages(volumes: volumes, written: printJobs.map(\.needed))
        let queue = OrderedWork<PersonOutcome>(count: records.people.count, window: window)
        let rosterTarget = DocumentKind.annualAudit.file(in: unitFolder)
        let rosterStamped = documents.contains(.annualAudit) && archive?.store.stamp(archive!.path(rosterTarget)) != nil

        let unitText = InputDigest.RecordText.unit(of: records)
        // The calling thread's renderer: it draws the print job (and, with one job, everything else).
        let collector = DocumentRenderer(templates: templates, fonts: fonts, engine: engine)
        // `renderer`: a worker's own, as a Pango context serves one thread.
        @Sendable func personWriter(_ renderer: DocumentRenderer) -> PersonWriter {
            PersonWriter(renderer: renderer,
                         builder: DocumentBuilder(records: records, creator: options.creator), layout: layout,
                         recordsFolder: recordsFolder, options: options, documents: documents, archive: archive,
                         printPages: printPages, rosterStamped: rosterStamped, unitText: unitText)
        }
        // `--jobs 1` is one thread: the calling thread renders each person itself as it collects them,
        // with the renderer that draws the print job, so each string is shaped once for both; a clerk
        // who asks for one job leaves the other cores alone (and the benchmark's one-thread figure is
        // one core's). With more, when no per-person file is written, the workers only lay out and the
        // calling thread's drawing of the print job is the bottleneck: one thread fewer leaves it a
        // core of its own.
        let inline = jobs == 1 ? personWriter(collector) : nil
        let perPerson = documents.contains(.registration) || documents.contains(.certificate)
        let workers = inline != nil ? 0 : perPerson ? jobs : jobs - 1
        for _ in 0..<min(workers, max(1, records.people.count)) {
            let thread = Thread { [self] in
                let person = personWriter(DocumentRenderer(templates: templates, fonts: fonts, engine: engine))
                while let index = queue.take() {
                    queue.deliver(index, person.render(index, engine: engine))
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }

        // The calling thread: collect in roster order, drawing the print job as people arrive.
        var report = RenderReport()
        report.notes = engine.notes
        // 附件2 needs every person's row: a person who could not be read leaves it incomplete.
        let rosterNeeded = documents.contains(.annualAudit)
        var roster = Roster(spill: rosterNeeded ? ChunkScratch.forLists(of: records.people.count, in: layout.root) : nil)
        if rosterNeeded { roster.reserveCapacity(records.people.count) }
        var rosterInput = InputDigest.RosterInput(of: records)
        var rosterComplete = true
        // The people collected so far, in roster order.
        var collected = 0
        func collect(upTo end: Int, _ add: (RosterEntry, [Page]) -> Void) {
            while collected < end {
                let index = collected
                collected += 1
                let outcome = inline?.render(index, engine: engine) ?? queue.collect(index)
                report.merge(outcome.report)
                if let entry = outcome.entry {
                    if rosterNeeded { roster.append(entry) }
                    if let record = outcome.record { rosterInput.add(record) }
                } else {
                    rosterComplete = false
                }
                if let entry = outcome.entry, let pages = outcome.printPages { add(entry, pages) }
                progress?(BatchProgress(done: index + 1, total: records.people.count, pages: report.pages,
                                        written: report.written, unchanged: report.unchanged,
                                        failures: report.failures.count))
            }
        }
        let unitSubject = "单位“\(records.unit.name)”"
        for (volume, printJob) in printJobs.enumerated() {
            let people = volumes.people(in: volume)
            guard printJob.needed else {
                if documents.contains(.printJob) { report.unchanged += 1 }
                collect(upTo: people.upperBound) { _, _ in }
                continue
            }
            // Its own report: `collect` adds to `report` while the volume is written.
            var printReport = RenderReport()
            let document = "登记表合订本" + (volumes.count > 1 ? "第\(volume + 1)册" : "")
            ArchiveRecording.write(printJob.target, printJob.origin, in: archive, subject: unitSubject, document: document,
                                   report: &printReport) { printReport in
                do throws(ProduceError) {
                    let metadata = Self.printJobMetadata(records, creator: options.creator, volume: volumes.titleSuffix(volume))
                    let produced = try collector.producePrintJob(to: .file(printJob.target), metadata: metadata) { add in
                        collect(upTo: people.upperBound) { entry, pages in
                            var pages = pages
                            pages[0].bookmark = Self.printJobBookmark(name: entry.name, idNumber: entry.idNumber)
                            add(pages)
                        }
                    }
                    printReport.written += 1
                    return .init(measure: produced.measure, previews: 0)
                } catch {
                    printReport.failures.append(.init(subject: unitSubject, document: document, message: error.description))
                    return nil
                }
            }
            report.merge(printReport)
            // The volume failed before its first page (its journal line or its file could not be
            // written): its people are collected all the same, or 附件2 would list nobody.
            collect(upTo: people.upperBound) { _, _ in }
        }
        if documents.contains(.printJob) {
            for stale in volumes.stale(in: unitFolder) {
                ArchiveRecording.remove(stale, in: archive, subject: unitSubject, document: "登记表合订本旧分册", report: &report)
            }
        }
        if rosterNeeded, !rosterComplete {
            report.failures.append(.init(subject: unitSubject, document: DocumentKind.annualAudit.chineseName,
                                         message: "有人员的记录无法读取（见上），表中名单不全，未生成"))
        } else if rosterNeeded, archive?.keepsStamped(rosterTarget, record: rosterInput.digest,
                                                      subject: unitSubject, document: DocumentKind.annualAudit.chineseName,
                                                      report: &report) ?? false {
            // The agency's stamped 附件2 stays as issued.
        } else if rosterNeeded {
            let target = rosterTarget
            let origin = unitOrigin(DocumentKind.annualAudit.rawValue, kinds: [.annualAudit], records, archive)
            if archive?.isCurrent(target, origin) ?? false {
                report.unchanged += 1
            } else {
                let builder = DocumentBuilder(records: records, creator: options.creator)
                let data = builder.annualAudit(roster)
                ArchiveRecording.write(target, origin, in: archive, subject: data.subject,
                                 document: DocumentKind.annualAudit.chineseName, report: &report) { report in
                    collector.write(.annualAudit, data, into: unitFolder, options: options, report: &report)
                        .map { .init(measure: $0.measure, previews: options.png ? $0.pages : 0) }
                }
            }
        }
        return report
    }

    /// A unit's document: made from the whole records file (`digesting`: what its input digest names
    /// besides, the kind unless said).
    private func unitOrigin(_ kind: String, digesting name: String? = nil, kinds: [DocumentKind], _ records: RecordsFile,
                            _ archive: ArchiveRecording?) -> FileOrigin {
        FileOrigin(unit: records.unit.name, year: records.year, kind: kind,
                   input: archive.map { $0.digest.unit(name ?? kind, kinds: kinds, recordsFile: $0.recordsFile) })
    }

    /// Which people's 附件1 pages the print job needs: those of the volumes to be written.
    struct PrintPages: Sendable {
        let volumes: PrintJobVolumes
        /// Whether each volume is to be written.
        let written: [Bool]

        func needed(_ person: Int) -> Bool { written[volumes.volume(of: person)] }
    }

    /// What one worker made of one person.
    struct PersonOutcome: Sendable {
        var report = RenderReport()
        /// The person's row on 附件2; nil when the person could not be read.
        var entry: RosterEntry?
        /// The person's 附件1 pages for the print job, when it was laid out.
        var printPages: [Page]?
        /// The person's `InputDigest.record`, when the unit's 附件2 is stamped.
        var record: String?
    }

    static func printJobMetadata(_ records: RecordsFile, creator: String, volume: String = "（合订）") -> DocumentMetadata {
        DocumentMetadata(title: "\(records.unit.name) \(records.year)年度电子登记表\(volume)", author: records.unit.name,
                         subject: "\(records.year)年度专业技术人员继续教育年度验审", creator: creator)
    }

    /// Each person's first page in the print job's outline, so a clerk finds a person in the PDF viewer.
    static func printJobBookmark(name: String, idNumber: String) -> String { "\(name) \(idNumber)" }
}
