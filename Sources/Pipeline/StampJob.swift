import Archiving
import Documents
import Foundation
import Layout
import Records
import Registry
import Render
import Rules
import Stamping

/// Stamps a unit's records as an audit agency (`cedocs stamp`, `POST /v1/stamp`). For every person
/// the agency may stamp (`Issuer`): the stamped 附件1 (registration.pdf) and certificate pages
/// (certificate.pdf), then the result sheet (result.pdf) whose QR code carries the signature over the
/// result — which covers the other two files' SHA-256. Then the unit's stamped 附件2
/// (annual-audit.pdf), once every person on it has a result. The unit's print job is its own.
///
/// Render first, then record (先出文件，后登记): every file is rendered, on every core, to a temporary
/// name beside its target while the registry is only read; the results are then recorded in one short
/// transaction; only after it commits do the files take their final names. A run that dies before
/// the commit records nothing and leaves no stamped file in place; one that dies after it leaves
/// results whose files running it again writes (same serials, same bytes). New serials are taken in
/// roster order after the last one issued; if another run issued meanwhile, the transaction records
/// nothing and this run renders its new results again under the serials that follow — so serials
/// never repeat and an agency's year has no gaps.
public final class StampJob {
    let issuer: Issuer
    let registry: any Registry
    let engine: RulesEngine
    /// A `--ledger` file with earlier years the registry does not hold (`LedgerFile.merge`), and its name.
    let ledgerFile: (ledger: Ledger, name: String)?
    /// The renderer of the calling thread, and how each further worker makes its own (nil: one thread).
    let renderer: DocumentRenderer
    let workers: (jobs: Int, make: @Sendable () -> DocumentRenderer)?

    /// Stamps on the calling thread with `renderer` (the service's pool thread).
    public init(renderer: DocumentRenderer, profile: AgencyProfile, key: AgencyKey, registry: any Registry) {
        issuer = Issuer(profile: profile, key: key)
        self.registry = registry
        self.renderer = renderer
        engine = renderer.engine
        workers = nil
        ledgerFile = nil
    }

    /// Stamps on `jobs` threads, each with its own renderer, as `cedocs render` renders.
    /// `ledgerFile`: earlier years from a `--ledger` file, beside the registry's (never against them).
    public init(templates: TemplateSet, fonts: FontLibrary, jobs: Int, profile: AgencyProfile, key: AgencyKey,
                registry: any Registry, ledgerFile: (ledger: Ledger, name: String)? = nil) {
        issuer = Issuer(profile: profile, key: key)
        self.registry = registry
        self.ledgerFile = ledgerFile
        renderer = DocumentRenderer(templates: templates, fonts: fonts)
        engine = renderer.engine
        workers = jobs > 1 ? (jobs, { DocumentRenderer(templates: templates, fonts: fonts) }) : nil
    }

    /// How many times a run renders its new results again when other runs keep issuing meanwhile.
    static let attempts = 20

    /// Values in one chunk of the run's long lists (附件2's rows, the report's subjects) once they
    /// spill to disk; tests make it small to spill a few people.
    var listChunkRows = ListChunks.defaultRows

    /// Throws when the whole run is refused or stopped: a unit outside the agency's districts, a
    /// registry that cannot be written, a records file changed meanwhile, `shouldStop` (the client
    /// left) — then nothing is recorded and no stamped file is put in place. With `archive`, every
    /// file is recorded in the archive's manifest, each result sheet with its result (for 抽检).
    /// `selected`: only these people (公民身份号码) are stamped, the others skipped as not chosen — and
    /// so the unit's 附件2 too, unless every person on it has a result; nil: everyone examined.
    public func run(_ loaded: LoadedRecords, recordsFolder: URL, options: RenderOptions, archive: ArchiveRecording? = nil,
                    selected: Set<String>? = nil, progress: ((BatchProgress) -> Void)? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws(StampingError) -> StampReport {
        try issuer.admit(loaded.records.unit)
        // Earlier years come from the agency's ledger, read as the run begins, and the years only a
        // --ledger file holds (a file contradicting the registry refuses the run).
        let engine: RulesEngine
        do {
            engine = try RulesEngine.agency(registry, people: loaded.records.people.idNumbers, ledgerFile: ledgerFile,
                                            policy: self.engine.policy)
        } catch {
            throw StampingError(error)
        }
        let run = StampRun(issuer: issuer, registry: registry, engine: engine, records: loaded.records,
                           rejected: loaded.rejected.count, recordsFolder: recordsFolder, options: options,
                           recording: archive, shouldStop: shouldStop, selected: selected,
                           sealDigest: issuer.profile.seal.flatMap { FileDigest.measure($0)?.sha256 } ?? "none",
                           unitText: InputDigest.RecordText.unit(of: loaded.records))
        do {
            for _ in 0..<Self.attempts {
                let staged = try stage(run, progress: progress)
                // What rendering freed goes back before the commit takes its own (the spool read back,
                // the registry's page cache), and what the commit freed before the files are placed.
                FreedMemory.giveBack()
                if let laterYears = try run.commit(staged, workers: workers?.jobs ?? 1) {
                    FreedMemory.giveBack()
                    // Each result's files renamed and journaled on the run's threads, their reports merged in order.
                    var placed = RenderReport()
                    ParallelBatches(count: staged.results.count, workers: workers?.jobs ?? 1)
                        .run({ run.place($0, of: staged) }) { placed.merge($1) }
                    return run.report(staged, placed: placed, laterYears: laterYears)
                }
                run.discard(staged)
            }
            throw StampingError("审验登记库 \(registry.location) 正被其他盖章连续使用，本次盖章未登记任何结果：请稍后再运行")
        } catch let error as StampingError {
            throw error
        } catch let error as RegistryError {
            throw StampingError(error)
        } catch {
            throw StampingError("\(error)")
        }
    }

    /// Renders every result to temporary files: each person with the result in force (kept if its
    /// content is unchanged) or, if it changed, under the next new serial; then the unit's 附件2.
    private func stage(_ run: StampRun, progress: ((BatchProgress) -> Void)?) throws -> StampRun.Staged {
        var staged = StampRun.Staged(base: try registry.lastSequence(agency: issuer.profile.code, year: run.records.year),
                                     spool: try ResultSpool(in: run.layout.root))
        let inForce = try registry.subjectsInForce(agency: issuer.profile.code, year: run.records.year, kind: .person)
        // What loading the file and reading the ledger and the registry freed goes back before the
        // workers start.
        FreedMemory.giveBack()
        let total = run.records.people.count
        // Each person's outcome is settled in roster order as soon as the people before them are:
        // `waiting` holds only those that came early (an issue finishes after later people's checks),
        // a window's worth, not a step per person.
        var waiting: [Int: StampRun.Step] = [:]
        var settled = 0
        // 附件2's rows and the report's subjects share one scratch file.
        let lists = ChunkScratch.forLists(of: total, chunkRows: listChunkRows, in: run.layout.root)
        var roster = Roster(spill: lists, chunkRows: listChunkRows)
        staged.issued = IssuedList(spill: lists, chunkRows: listChunkRows)
        var rosterInput = InputDigest.RosterInput(of: run.records)
        roster.reserveCapacity(total)
        staged.reserveCapacity(total)
        func settle(_ index: Int, _ step: StampRun.Step) {
            waiting[index] = step
            while let step = waiting.removeValue(forKey: settled) {
                settled += 1
                switch step {
                case .staged(let entry, let record, let stored, let rendering):
                    roster.append(entry)
                    rosterInput.add(record)
                    staged.report.rendering.merge(rendering)
                    staged.append(stored)
                case .skipped(let entry, let record, let skipped):
                    roster.append(entry)
                    rosterInput.add(record)
                    staged.report.skipped.append(skipped)
                case .failedRender(let entry, let record, let rendering):
                    roster.append(entry)
                    rosterInput.add(record)
                    staged.report.rendering.merge(rendering)
                case .needsSerial, .failed:
                    continue
                }
            }
        }
        var done = 0
        func report() {
            progress?(BatchProgress(done: done, total: total, pages: staged.report.rendering.pages,
                                    written: staged.report.rendering.written, unchanged: 0,
                                    failures: staged.report.rendering.failures.count))
        }
        var firstError: (any Error)?
        // A run that stops leaves none of its temporary files behind.
        func stop(_ error: any Error) -> any Error {
            run.discard(staged)
            for case .staged(_, _, let stored, _) in waiting.values { run.discard(stored.place, from: staged.spool) }
            return error
        }
        // New serials in roster order, after the last one issued when the attempt began: each person
        // who needs one is numbered as their check is collected, and issued at once.
        var next = staged.base
        work(run, total, inForce: inForce, spool: staged.spool) { index, step, issue in
            switch step {
            case .needsSerial(let person, let current) where firstError == nil:
                next += 1
                do { issue(.init(index: index, person: person, serial: try run.serial(next), current: current)) } catch {
                    firstError = error
                }
                return
            case .needsSerial:
                return
            case .failed(let error):
                firstError = firstError ?? error
            default:
                done += 1
            }
            settle(index, step)
            report()
        } issued: { index, step in
            if case .failed(let error) = step { firstError = firstError ?? error }
            settle(index, step)
            done += 1
            report()
        }
        if let firstError { throw stop(firstError) }
        do { try run.stageRoster(roster, input: rosterInput.digest, next: next, into: &staged, renderer: renderer) } catch {
            run.discard(staged)
            throw error
        }
        // A full disk stops the whole run: nothing recorded, nothing replaced, rather than results for
        // whoever happened to fit.
        if let full = staged.report.rendering.failures.first(where: \.storageFull) {
            run.discard(staged)
            throw StampingError("磁盘已满，本次盖章未登记任何结果，也未替换任何文件：\(full.description)。腾出空间后重新运行",
                                storageFull: true)
        }
        return staged
    }

    /// Checks every person on the workers (or the calling thread), giving each check to `checked` in
    /// roster order with the means to hand the person on to be issued; each issue's result goes to `issued`.
    private func work(_ run: StampRun, _ count: Int, inForce: Set<String>, spool: ResultSpool,
                      checked: (Int, StampRun.Step, _ issue: (StampQueue.Issue) -> Void) -> Void,
                      issued: (Int, StampRun.Step) -> Void) {
        @Sendable func perform(_ issue: StampQueue.Issue, _ renderer: DocumentRenderer) -> StampRun.Step {
            run.issue(issue.person, serial: issue.serial, current: issue.current, into: spool, renderer: renderer)
        }
        guard let workers, count > 1 else {
            for index in 0..<count {
                var handed: [StampQueue.Issue] = []
                checked(index, run.check(index, inForce: inForce, into: spool, renderer: renderer)) { handed.append($0) }
                for issue in handed { issued(issue.index, perform(issue, renderer)) }
            }
            return
        }
        let queue = StampQueue(count: count, window: 64)
        for _ in 0..<min(workers.jobs, count) {
            let make = workers.make
            let thread = Thread {
                let renderer = make()
                while let task = queue.take() {
                    switch task {
                    case .check(let index):
                        queue.deliver(check: index, run.check(index, inForce: inForce, into: spool, renderer: renderer))
                    case .issue(let issue): queue.deliver(issued: issue.index, perform(issue, renderer))
                    }
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        for index in 0..<count {
            checked(index, queue.collect(check: index), queue.issue)
            for (index, step) in queue.collectIssued(waiting: false) { issued(index, step) }
        }
        queue.close()
        while case let done = queue.collectIssued(waiting: true), !done.isEmpty {
            for (index, step) in done { issued(index, step) }
        }
    }
}
