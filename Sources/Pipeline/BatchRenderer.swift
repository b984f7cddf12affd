import Archive
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
/// and certificate pages, the unit's 附件2, and one print job holding every 附件1 in roster order.
///
/// Each worker thread owns its Pango font map and Cairo surfaces (Pango 1.50 corrupts memory when
/// threads share a font map); people are handed out one at a time. The calling thread collects the
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

    public init(templates: TemplateSet, fonts: FontLibrary, engine: RulesEngine = RulesEngine(),
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int = 64) {
        self.templates = templates
        self.fonts = fonts
        self.engine = engine
        self.jobs = max(1, jobs)
        self.window = max(1, window)
    }

    public func run(_ loaded: LoadedRecords, recordsFolder: URL, options: RenderOptions,
                    documents: Set<OutputDocument> = Set(OutputDocument.allCases)) -> RenderReport {
        let records = loaded.records
        let layout = ArchiveLayout(root: options.output)
        let unitFolder = layout.unitFolder(name: records.unit.name, year: records.year)
        let queue = OrderedWork<PersonOutcome>(count: records.people.count, window: window)

        for _ in 0..<min(jobs, max(1, records.people.count)) {
            let thread = Thread { [self] in
                let renderer = RenderJob(templates: templates, fonts: fonts, engine: engine)
                let builder = DocumentBuilder(records: records, creator: options.creator)
                while let index = queue.take() {
                    queue.deliver(index, renderPerson(records.people[index], with: renderer, builder: builder,
                                                      layout: layout, recordsFolder: recordsFolder,
                                                      options: options, documents: documents))
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }

        // The calling thread: collect in roster order, drawing the print job as people arrive.
        let collector = RenderJob(templates: templates, fonts: fonts, engine: engine)
        var report = RenderReport()
        var assessed: [(Person, PersonAssessment)] = []
        assessed.reserveCapacity(records.people.count)
        let printJob = unitFolder.appendingPathComponent("registrations.pdf")
        func collect(_ add: (Int, [Page]) -> Void) {
            for index in 0..<records.people.count {
                let outcome = queue.collect(index)
                report.merge(outcome.report)
                assessed.append((records.people[index], outcome.assessment))
                if let pages = outcome.printPages { add(index, pages) }
            }
        }
        if documents.contains(.printJob) {
            do throws(AtomicFile.WriteError) {
                try collector.writePrintJob(to: printJob, metadata: Self.printJobMetadata(records, options)) { add in
                    collect { index, pages in
                        var pages = pages
                        pages[0].bookmark = "\(records.people[index].name) \(records.people[index].idNumber)"
                        add(pages)
                    }
                }
                report.written.append(printJob.path)
            } catch {
                report.failures.append(.init(subject: "单位“\(records.unit.name)”", document: "登记表合订本",
                                             message: error.description))
            }
        } else {
            collect { _, _ in }
        }
        if documents.contains(.annualAudit) {
            let builder = DocumentBuilder(records: records, creator: options.creator)
            collector.render(.annualAudit, builder.annualAudit(assessed), into: unitFolder, options: options, report: &report)
        }
        return report
    }

    /// What one worker made of one person.
    struct PersonOutcome: Sendable {
        var report: RenderReport
        var assessment: PersonAssessment
        /// The person's 附件1 pages for the print job, when it was laid out.
        var printPages: [Page]?
    }

    private func renderPerson(_ person: Person, with renderer: RenderJob, builder: DocumentBuilder, layout: ArchiveLayout,
                              recordsFolder: URL, options: RenderOptions, documents: Set<OutputDocument>) -> PersonOutcome {
        var report = RenderReport()
        report.people = 1
        let assessment = engine.assess(person, year: builder.records.year)
        var printPages: [Page]?
        guard let folder = layout.personFolder(id: person.idNumber, year: builder.records.year) else {
            return PersonOutcome(report: report, assessment: assessment)
        }
        let data = builder.registration(person, assessment)
        if documents.contains(.registration) {
            printPages = renderer.render(.registration, data, into: folder, options: options, report: &report)?.pages
        } else if documents.contains(.printJob) {
            do { printPages = try renderer.compose(.registration, data).pages } catch {
                report.failures.append(.init(subject: data.subject, document: DocumentKind.registration.chineseName,
                                             message: error.description))
            }
        }
        if documents.contains(.certificate) {
            var certificate = builder.certificate(person, assessment)
            renderer.resolvePhoto(&certificate, person: person, recordsFolder: recordsFolder, report: &report)
            renderer.render(.certificate, certificate, into: folder, options: options, report: &report)
        }
        return PersonOutcome(report: report, assessment: assessment, printPages: printPages)
    }

    static func printJobMetadata(_ records: RecordsFile, _ options: RenderOptions) -> DocumentMetadata {
        DocumentMetadata(title: "\(records.unit.name) \(records.year)年度电子登记表（合订）", author: records.unit.name,
                         subject: "\(records.year)年度专业技术人员继续教育年度验审", creator: options.creator)
    }
}
