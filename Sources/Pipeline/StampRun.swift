import Archiving
import Documents
import Foundation
import Layout
import QRCodes
import Records
import Registry
import Render
import Rules
import Stamping

/// One stamp run's fixed inputs and its steps (`StampJob`), shared by its worker threads.
struct StampRun: Sendable {
    let issuer: Issuer
    let registry: any Registry
    let engine: RulesEngine
    let records: RecordsFile
    /// People of the file refused at loading: the unit's 附件2 waits for them.
    let rejected: Int
    let recordsFolder: URL
    let options: RenderOptions
    let recording: ArchiveRecording?
    let shouldStop: @Sendable () -> Bool
    /// The people (公民身份号码) to stamp this time, ticked on the agency's page; nil: everyone examined.
    let selected: Set<String>?
    /// The seal scan's SHA-256 ("none" without one), read once per run: every stamped file's input names it.
    let sealDigest: String
    /// The unit's record as `InputDigest.RecordText` holds it, written out once for the run.
    let unitText: String

    var profile: AgencyProfile { issuer.profile }
    var layout: ArchiveLayout { recording?.layout ?? ArchiveLayout(root: options.output) }
    var builder: DocumentBuilder { DocumentBuilder(records: records, creator: options.creator) }

    static let stopped = StampingError("盖章已中止（请求方已断开或超时）：本次盖章未登记任何结果，也未替换任何文件")

    /// A rendered file at its temporary name, and where it goes once its result is recorded.
    struct StagedFile: Sendable {
        var kind: DocumentKind
        /// The person's (or unit's) folder, shared by its files: a run holds every staged file until
        /// it commits, and two URLs per file were a tenth of a large run's memory.
        var folder: URL
        var origin: FileOrigin
        /// Its size and SHA-256, as written.
        var measure: FileDigest.Measure
        /// PNG previews written beside it.
        var previews: Int
        var subject: String

        /// The temporary name it is rendered to, beside its target; one per process and document.
        static func temporaryName(_ kind: DocumentKind) -> String {
            "\(AtomicFile.temporaryPrefix)\(kind.fileName).\(getpid()).stamp\(AtomicFile.temporarySuffix)"
        }

        var staged: URL { folder.appendingPathComponent(Self.temporaryName(kind), isDirectory: false) }
        var target: URL { kind.file(in: folder) }
    }

    /// A result ready to record: issued anew or reused, with its files.
    struct Result: Sendable {
        /// As the report names it.
        var subject: String
        /// As the registry files it: 公民身份号码, or the unit's name.
        var key: String
        var kind: ResultContent.Kind
        var outcome: Issuer.Outcome
        /// The result in force when the run read the registry.
        var inForce: Serial?
        var verdict: String
        var files: [StagedFile]
        /// A person's year as the ledger (学时台账) keeps it, recorded with the result.
        var ledgerYear: LedgerYear? = nil

        var serial: Serial { outcome.signed.content.serial! }
    }

    /// What became of one person.
    enum Step: Sendable {
        /// Its result is in the attempt's spool.
        case staged(RosterEntry, record: String, ResultSpool.Stored, RenderReport)
        case skipped(RosterEntry, record: String, StampReport.Skipped)
        case failedRender(RosterEntry, record: String, RenderReport)
        /// The content changed (or nothing was issued yet): to be issued under a new serial, from the
        /// person as `check` read them.
        case needsSerial(CheckedPerson, current: IssuedResult?)
        /// The whole run stops: the records file changed meanwhile, the registry, or `shouldStop`.
        case failed(StampingError)
    }

    /// A person as `check` read, assessed and wrote them out, kept so that `issue` does none of it again.
    struct CheckedPerson: Sendable {
        var person: Person
        var assessment: PersonAssessment
        var entry: RosterEntry
        var text: InputDigest.RecordText
        /// `InputDigest.record(text)`.
        var record: String
    }

    /// Everything one attempt rendered, before it is recorded.
    struct Staged {
        /// The last sequence issued when the attempt began.
        var base: Int
        /// Where `spool` holds each result, in roster order (the unit's last).
        var results: [ResultSpool.Place] = []
        /// Each result's line for the report, in the same order.
        var issued = IssuedList()
        let spool: ResultSpool
        var report = StampReport()

        mutating func reserveCapacity(_ count: Int) {
            results.reserveCapacity(count)
            issued.reserveCapacity(count)
        }

        mutating func append(_ stored: ResultSpool.Stored) {
            results.append(stored.place)
            issued.append(stored.line)
        }
    }

    func serial(_ sequence: Int) throws(StampingError) -> Serial {
        guard let serial = Serial(agency: profile.code, year: records.year, sequence: sequence) else {
            throw StampingError("机构 \(profile.code) \(records.year) 年度的审验编号已用完（最多 \(Serial.sequences.upperBound) 个）")
        }
        return serial
    }

    /// The `index`th person: refused, or staged again under the result in force if its content is
    /// unchanged, or to be issued anew. `inForce`: the people with a result in force when the attempt
    /// began (`Registry.subjectsInForce`); only theirs is read.
    func check(_ index: Int, inForce: Set<String>, into spool: ResultSpool, renderer: DocumentRenderer) -> Step {
        guard !shouldStop() else { return .failed(Self.stopped) }
        do {
            let person = try records.people.person(at: index)
            let assessment = engine.assess(person, year: records.year)
            let entry = RosterEntry(person, assessment)
            let text = InputDigest.RecordText(person, year: records.year, unit: unitText)
            let record = InputDigest.record(text)
            if let selected, !selected.contains(person.idNumber) {
                return .skipped(entry, record: record, .init(subject: person.subject, reason: "本次未选中盖章，不出具结果"))
            }
            if let reason = issuer.refusal(person, assessment) {
                return .skipped(entry, record: record, .init(subject: person.subject, reason: reason))
            }
            let checked = CheckedPerson(person: person, assessment: assessment, entry: entry, text: text, record: record)
            guard inForce.contains(person.idNumber),
                  let current = try registry.current(agency: profile.code, year: records.year, kind: .person,
                                                     subject: person.idNumber) else { return .needsSerial(checked, current: nil) }
            return stagePerson(checked, serial: current.serial, current: current, reuseOnly: true, into: spool,
                               renderer: renderer) ?? .needsSerial(checked, current: current)
        } catch {
            return .failed(StampingError("\(error)"))
        }
    }

    /// The person `check` read, issued under `serial`, replacing `current`.
    func issue(_ checked: CheckedPerson, serial: Serial, current: IssuedResult?, into spool: ResultSpool,
               renderer: DocumentRenderer) -> Step {
        guard !shouldStop() else { return .failed(Self.stopped) }
        return stagePerson(checked, serial: serial, current: current, reuseOnly: false, into: spool, renderer: renderer)
            ?? .failed(StampingError("内部错误：新结果未能出具"))
    }

    /// Renders the person's three files under `serial` and stores the result in `spool`; nil when
    /// `reuseOnly` and the content is not `current`'s (nothing kept).
    private func stagePerson(_ checked: CheckedPerson, serial: Serial, current: IssuedResult?, reuseOnly: Bool,
                             into spool: ResultSpool, renderer: DocumentRenderer) -> Step? {
        let (person, assessment, entry, text, record) = (checked.person, checked.assessment, checked.entry, checked.text,
                                                         checked.record)
        var rendering = RenderReport()
        let subject = person.subject
        // Refusal ensures an audit; validated ID numbers always make a folder.
        guard let audit = person.audit, let folder = layout.personFolder(id: person.idNumber, year: records.year) else {
            return .failedRender(entry, record: record, rendering)
        }
        let stamp = agencyStamp(serial, opinion: AgencyOpinion.person(assessment), date: audit.date)
        let personDigest = recording.map { $0.digest.person(text, assessment) }
        func origin(_ kind: DocumentKind, result: IssuedResultRecord? = nil) -> FileOrigin {
            FileOrigin(person: person.idNumber, unit: records.unit.name, year: records.year, kind: kind.rawValue,
                       input: recording.flatMap { run in personDigest.map { run.digest.document(kind, person: $0, extra: stampInput(serial)) } },
                       result: result, stamp: StampMark(serial: serial.description, record: record))
        }
        var certificate = builder.certificate(person, assessment, stamp: stamp)
        renderer.resolvePhoto(&certificate, person: person, recordsFolder: recordsFolder, report: &rendering)
        var files: [StagedFile] = []
        files.reserveCapacity(3)
        func failed() -> Step {
            discard(files)
            return .failedRender(entry, record: record, rendering)
        }
        guard let registration = write(.registration, builder.registration(person, assessment, stamp: stamp), into: folder,
                                       origin: origin(.registration), renderer: renderer, report: &rendering) else { return failed() }
        files.append(registration)
        guard let certificateFile = write(.certificate, certificate, into: folder, origin: origin(.certificate),
                                          renderer: renderer, report: &rendering) else { return failed() }
        files.append(certificateFile)
        let content = ResultContent.person(serial: serial, agencyName: profile.name, unit: records.unit.name, person: person,
                                           assessment: assessment, registrationSHA256: registration.measure.sha256,
                                           certificateSHA256: certificateFile.measure.sha256)
        let outcome: Issuer.Outcome
        do { outcome = try issuer.issue(content, current: current?.signed) } catch {
            rendering.failures.append(.init(subject: subject, document: DocumentKind.result.chineseName, message: error.message))
            return failed()
        }
        if reuseOnly, outcome.isNew {
            discard(files)
            return nil
        }
        let signed = outcome.signed
        let url = signed.verificationURL(base: profile.verifyBase)
        guard let code = QREncoder.matrix(for: url) else {
            rendering.failures.append(.init(subject: subject, document: DocumentKind.result.chineseName,
                                            message: "查询网址过长，无法编成二维码：\(url)"))
            return failed()
        }
        let verdict = assessment.verdict.word
        let sheet = builder.result(person, assessment, stamp: stamp, checkCode: signed.checkCode,
                                   verifyBase: profile.verifyBase, code: code)
        let issued = IssuedResultRecord(serial: serial.description, agency: profile.code, agencyName: profile.name,
                                        verdict: verdict, maskedName: Masking.name(person.name),
                                        maskedID: Masking.idNumber(person.idNumber))
        guard let sheetFile = write(.result, sheet, into: folder, origin: origin(.result, result: issued), renderer: renderer,
                                    report: &rendering) else { return failed() }
        files.append(sheetFile)
        let result = Result(subject: subject, key: person.idNumber, kind: .person, outcome: outcome, inForce: current?.serial,
                            verdict: verdict, files: files, ledgerYear: LedgerYear(idNumber: person.idNumber, assessment))
        do { return .staged(entry, record: record, try spool.store(result), rendering) } catch {
            discard(files)
            return .failed(error)
        }
    }

    /// The unit's stamped 附件2, when every person on it has a result in this run; `record`: what it
    /// is made from (`InputDigest.RosterInput`); `next`: the last new serial taken by the people.
    func stageRoster(_ roster: Roster, input record: String, next: Int, into staged: inout Staged,
                     renderer: DocumentRenderer) throws {
        let unit = records.unit.name
        let subject = "单位“\(unit)”的\(DocumentKind.annualAudit.chineseName)"
        if let reason = Issuer.rosterRefusal(people: roster.count, results: staged.results.count, rejected: rejected) {
            staged.report.skipped.append(.init(subject: subject, reason: reason))
            return
        }
        // Every person on it has a result, so an audit date.
        guard let date = roster.latestAuditDate else { return }
        let folder = layout.unitFolder(name: unit, year: records.year)
        let passed = roster.passedCount
        let verdict = AuditVerdict.tally(passed: passed, failed: roster.count - passed)
        let opinion = AgencyOpinion.roster(passed: passed, failed: roster.count - passed)
        let results = staged.issued.serials
        let current = try registry.current(agency: profile.code, year: records.year, kind: .roster, subject: unit)

        /// The 附件2 under `serial`; nil when it failed (reported in `rendering`) or, with `reuseOnly`,
        /// when its content is not `current`'s.
        func attempt(_ serial: Serial, reuseOnly: Bool, _ rendering: inout RenderReport) -> Result? {
            let origin = FileOrigin(unit: unit, year: records.year, kind: DocumentKind.annualAudit.rawValue,
                                    input: recording.map {
                                        $0.digest.unit(DocumentKind.annualAudit.rawValue + " " + stampInput(serial).joined(separator: " "),
                                                       kinds: [.annualAudit], recordsFile: $0.recordsFile)
                                    }, stamp: StampMark(serial: serial.description, record: record))
            let data = builder.annualAudit(roster, stamp: agencyStamp(serial, opinion: opinion, date: date))
            guard let table = write(.annualAudit, data, into: folder, origin: origin, renderer: renderer, report: &rendering) else {
                return nil
            }
            let content = ResultContent.roster(serial: serial, agencyName: profile.name, unit: unit, date: date, passed: passed,
                                               failed: roster.count - passed, results: results,
                                               annualAuditSHA256: table.measure.sha256)
            let outcome: Issuer.Outcome
            do { outcome = try issuer.issue(content, current: current?.signed) } catch {
                rendering.failures.append(.init(subject: subject, document: DocumentKind.annualAudit.chineseName,
                                                message: error.message))
                discard([table])
                return nil
            }
            if reuseOnly, outcome.isNew {
                discard([table])
                return nil
            }
            return Result(subject: subject, key: unit, kind: .roster, outcome: outcome, inForce: current?.serial,
                          verdict: verdict, files: [table])
        }
        var rendering = RenderReport()
        var result: Result?
        if let current { result = attempt(current.serial, reuseOnly: true, &rendering) }
        if result == nil && rendering.failures.isEmpty {
            rendering = RenderReport()
            result = attempt(try serial(next + 1), reuseOnly: false, &rendering)
        }
        staged.report.rendering.merge(rendering)
        if let result {
            do { staged.append(try staged.spool.store(result)) } catch {
                discard(result.files)
                throw error
            }
        }
    }

    /// A result as the registry records it, read back from the spool to commit.
    struct Recording: Sendable {
        /// As the registry files it: 公民身份号码, or the unit's name.
        var key: String
        var kind: ResultContent.Kind
        var outcome: Issuer.Outcome
        /// The result in force when the run read the registry.
        var inForce: Serial?
        var documents: [IssuedDocument]
        var ledgerYear: LedgerYear?

        var serial: Serial { outcome.signed.content.serial! }
    }

    /// Another run issued meanwhile: the transaction records nothing.
    private struct Overtaken: Error {}

    /// Records every result of the attempt, and each person's year in the ledger, in one short
    /// transaction; returns the later years of the ledger whose result changed, or nil (nothing
    /// recorded) when another run issued a result of this agency and year, or of one of these people, meanwhile.
    /// The results are read back from the spool on `workers` threads, a batch at a time, while the
    /// transaction is open: it is the one step every other stamp of the agency waits for.
    func commit(_ staged: Staged, workers: Int) throws -> [LedgerChange]? {
        let issuesNew = staged.issued.issuesNew
        return try registry.run { run in
            if issuesNew, try run.lastSequence(agency: profile.code, year: records.year) != staged.base { return nil }
            var changes: [LedgerChange] = []
            do {
                try ParallelBatches(count: staged.results.count, workers: workers).run({ index in
                    Swift.Result { () throws(StampingError) in try staged.spool.recording(staged.results[index]) }
                }) { (_, read) throws(any Error) in
                    let result = try read.get()
                    let inForce = try run.current(agency: profile.code, year: records.year, kind: result.kind, subject: result.key)
                    guard inForce?.serial == result.inForce else { throw Overtaken() }
                    if let entry = result.ledgerYear { changes += try run.record(entry) }
                    if case .issued(let signed, let replacing) = result.outcome {
                        try run.record(signed, subject: result.key, replacing: replacing)
                    }
                    for document in result.documents { try run.record(document, of: result.serial) }
                }
            } catch is Overtaken {
                return nil
            }
            return changes
        }
    }

    /// Once recorded: one result's files to their final names (journaled in the archive); what went
    /// wrong, reported. A file that cannot be put in place is reported with what to do: its result is
    /// recorded, and running the stamp again writes the same file.
    /// `index`: the result's place in `staged`.
    func place(_ index: Int, of staged: Staged) -> RenderReport {
        var placing = RenderReport()
        let serial = staged.issued.serial(at: index)
        let files: [StagedFile]
        do { files = try staged.spool.files(staged.results[index]) } catch {
            placing.failures.append(.init(subject: staged.issued[index].subject, document: DocumentKind.result.chineseName,
                                          message: "结果已登记（审验编号 \(serial)），但\(error.message)"))
            return placing
        }
        for file in files {
            let target = file.target
            var placed = RenderReport()
            ArchiveRecording.write(target, file.origin, in: recording, subject: file.subject,
                                   document: file.kind.chineseName, report: &placed) { rendering in
                guard rename(file.staged.path, target.path) == 0 else {
                    rendering.failures.append(.init(subject: file.subject, document: file.kind.chineseName,
                                                    message: "\(AtomicFile.WriteError(path: target.path, errno: errno))"))
                    return nil
                }
                return .init(measure: file.measure, previews: file.previews)
            }
            // The rename or the archive's journal failed: either way the result stands recorded, and
            // running the stamp again puts the same file in place.
            for index in placed.failures.indices {
                placed.failures[index].message = "结果已登记（审验编号 \(serial)），但\(placed.failures[index].message)："
                    + "再次运行盖章即可写出同一编号、同样的文件"
            }
            placing.merge(placed)
        }
        return placing
    }

    /// The run's report, once each result's files are placed (`placed`: what placing them reported).
    func report(_ staged: Staged, placed: RenderReport, laterYears: [LedgerChange]) -> StampReport {
        var report = staged.report
        report.laterYears = laterYears
        report.issued = staged.issued
        report.rendering.merge(placed)
        return report
    }

    /// Removes an attempt's temporary files.
    func discard(_ staged: Staged) { for stored in staged.results { discard(stored, from: staged.spool) } }

    /// A stored result's temporary files; one that cannot be read back leaves them to `Archive.recover`
    /// (their names are temporary names).
    func discard(_ stored: ResultSpool.Place, from spool: ResultSpool) {
        if let files = try? spool.files(stored) { discard(files) }
    }

    func discard(_ files: [StagedFile]) { for file in files { unlink(file.staged.path) } }

    /// What the agency puts on a document issued under `serial`: its opinion of `date`, the serial, its seal.
    func agencyStamp(_ serial: Serial, opinion: String, date: CalendarDate) -> AgencyStamp {
        AgencyStamp(serial: serial.description,
                    seal: profile.seal.map { SealImage(path: $0.path, diameter: profile.sealDiameter) },
                    opinion: opinion, date: date)
    }

    /// What a stamped document is made from beyond its record: the serial, the agency and its seal.
    func stampInput(_ serial: Serial) -> [String] {
        ["stamp \(serial)", "agency \(profile.code) \(profile.name)",
         "seal \(sealDigest) \(profile.sealDiameter)"]
    }

    /// Renders one stamped document to a temporary name beside its target; nil when it failed (reported).
    private func write(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, origin: FileOrigin,
                       renderer: DocumentRenderer, report: inout RenderReport) -> StagedFile? {
        guard let produced = renderer.write(kind, data, into: folder, named: StagedFile.temporaryName(kind), options: options,
                                            report: &report) else {
            return nil
        }
        return StagedFile(kind: kind, folder: folder, origin: origin, measure: produced.measure, previews: options.png ? produced.pages : 0,
                          subject: data.subject)
    }
}
