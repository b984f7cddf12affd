import ArgumentParser
import Foundation
import Pipeline
import Registry
import Stamping

struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Stamp the documents of every person the agency has examined, and issue their results.",
        discussion: """
            As the audit agency of PROFILE: for each valid person whose audit names this agency, writes \
            people/<公民身份号码>/<year>/registration.pdf and certificate.pdf stamped (the opinion from the \
            rules' verdict, the agency's seal, the serial) in place of the unstamped ones, and result.pdf \
            (verdict, hours, serial, QR code); then units/<unit>/<year>/annual-audit.pdf stamped once every \
            person on it has a result. Every file is rendered first (on --jobs threads) to a temporary name; \
            the results then go into the agency's registry (registry.sqlite in PROFILE, the only source of \
            its serials) in one short transaction, and only then do the files take their final names. Stamping unchanged records again gives the same serials and the same bytes. \
            With --ledger FILE, earlier years the registry does not hold (stamped elsewhere, or before its \
            ledger) are judged from the file too; a year both hold must be the same, or the run is refused \
            (exit 2): the registry is the record of what was stamped, and the file's years are never recorded in it. \
            Every file is recorded in the archive's manifest.json, each result sheet with its serial and \
            verdict (for cedocs sample); reports/<year>/<unit>.stamp.json keeps the run's report. \
            Exit status: 0 everyone stamped, 1 some people or the unit's form left unstamped (reported), \
            2 the run refused (setup, key, district, registry).
            """
    )

    @OptionGroup var output: OutputOptions

    @Option(help: "The agency's profile folder, e.g. config/agencies/XZPX.")
    var agency: String

    @OptionGroup var registry: RegistryOption
    @Option(help: "Earlier years (学时台账) the registry does not hold, from this ledger file (cedocs/ledger/1, as `cedocs registry ledger` writes); a year the registry holds differently refuses the run.")
    var ledger: String?

    @Option(name: .shortAndLong, help: "Threads rendering at once; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let digest = ArchiveSetup.engineDigest()
        let loaded = try Setup.load(output.file)
        Setup.report(loaded.problems.filter { $0.severity == .error }, to: .standardError)
        let job: StampJob
        do {
            let profile = try AgencyProfile(contentsOf: URL(fileURLWithPath: agency))
            // The key first: without it nothing is written.
            let key = try AgencyKey(contentsOf: profile.signingKeyFile)
            let registry = try self.registry.location(of: profile).open(create: true)
            let (fonts, templates) = try Setup.engine()
            let ledgerFile = try ledger.map { (ledger: try LedgerOptions.read($0), name: $0) }
            job = StampJob(templates: templates, fonts: fonts, jobs: jobs, profile: profile, key: key, registry: registry,
                           ledgerFile: ledgerFile)
            if profile.seal == nil { Console.error("注意：\(profile.name)未配置印章图像，印章处保留虚线框，须手工盖章") }
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let store = try ArchiveSetup.open(output.out, create: true)
        let archive = try ArchiveSetup.run(store, digest: digest, recordsFile: output.file)
        let started = Date()
        let report: StampReport
        let display = output.quiet ? nil : ProgressDisplay()
        do {
            defer { display?.finish() }
            report = try job.run(loaded, recordsFolder: URL(fileURLWithPath: output.file).deletingLastPathComponent(),
                                 options: RenderOptions(output: store.root, png: output.png, dpi: output.dpi,
                                                        creator: "cedocs \(CEDocs.version)"), archive: archive,
                                 progress: display?.update)
        } catch {
            // Files written before the refusal are in the journal; closing puts them in the manifest.
            _ = ArchiveSetup.finish(store, command: "stamp", loaded: loaded, report: RenderReport(), started: started)
            Console.error(error.description)
            throw ExitCode(2)
        }
        // The run report names the unstamped too.
        var rendering = report.rendering
        rendering.failures += report.skipped.map { .init(subject: $0.subject, document: "审验结果", message: "未盖章：\($0.reason)") }
        let reportFile = ArchiveSetup.finish(store, command: "stamp", loaded: loaded, report: rendering, started: started)
        for failure in report.rendering.failures { Console.error(failure.description) }
        for skipped in report.skipped { Console.error(skipped.description) }
        if !output.quiet {
            for issued in report.issued {
                let note = issued.reused ? "（未变，沿用）" : issued.replaced.map { "（新出具，原 \($0) 作废）" } ?? "（新出具）"
                Console.out("\(issued.serial)  \(issued.subject)  \(issued.verdict)\(note)")
            }
            // The serials and verdicts above stand: only names were lost, and the registry has them.
            if let failure = report.issued.readFailure { Console.error("以上结果中有人员姓名未能列出：\(failure)") }
            Console.out("出具 \(report.issued.count) 份结果，未盖章 \(report.skipped.count) 项，"
                        + "写入 \(report.rendering.written) 个文件，输出目录：\(output.out)")
            if !loaded.rejected.isEmpty { Console.out("\(loaded.rejected.count) 人的记录有误，未受理：见上方错误") }
            if let reportFile { Console.out("运行报告：\(reportFile.path)") }
        }
        // Said even with --quiet: a result already issued for a later year no longer matches the ledger.
        if !report.laterYears.isEmpty {
            Console.out("学时台账中以下以后年度的结果随本次盖章改变（结转、学历学时或聘任周期累计学时），已出具的结果须重新盖章：")
            for change in report.laterYears { Console.out("  \(change.idNumber)  \(change.summary)") }
        }
        if !report.rendering.failures.isEmpty || !report.skipped.isEmpty || !loaded.rejected.isEmpty || reportFile == nil {
            throw ExitCode(1)
        }
    }
}
