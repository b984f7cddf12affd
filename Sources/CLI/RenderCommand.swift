import ArgumentParser
import Archiving
import Foundation
import Pipeline
import Records
import Render

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render every valid person's documents and the unit's 年度审验表 into an output folder.",
        discussion: """
            Writes people/<公民身份号码>/<year>/registration.pdf and certificate.pdf for each valid person, and \
            units/<unit>/<year>/annual-audit.pdf with registrations.pdf (every 附件1 in roster order, each \
            person on an odd page, one bookmark each; a unit of more than 1,000 people gets volumes of 1,000, \
            registrations-01.pdf, registrations-02.pdf, …). The output folder is an archive: manifest.json lists \
            every file with its SHA-256 and the digest of its input, a file whose input is unchanged is not \
            written again, a run cut short is finished by running it again, and reports/<year>/<unit>.render.json \
            keeps the run's report. A file an audit agency stamped is never replaced, not even with --force: it \
            is reported (已盖章，未重写), and if the person's record changed since, the run says the agency must \
            stamp again and exits with 1. A progress bar shows on a terminal, a line every 5 s otherwise. \
            Exit status: 0 all written, 1 some people or documents not written (reported), 2 the file or the \
            setup unusable.
            """
    )

    @OptionGroup var output: OutputOptions

    @OptionGroup var history: LedgerOptions

    @Flag(help: "Write every file again, even those whose input is unchanged.")
    var force = false

    @Option(name: .shortAndLong, help: "Threads rendering at once; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Write only these documents (comma-separated).",
                               valueName: "registration,certificate,annual-audit,print-job"))
    var only: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        _ = try documents()
    }

    func documents() throws -> Set<OutputDocument> {
        guard let only else { return Set(OutputDocument.allCases) }
        var chosen: Set<OutputDocument> = []
        for name in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let document = OutputDocument(rawValue: name) else {
                throw ValidationError("unknown document \"\(name)\" in --only; use "
                                      + OutputDocument.allCases.map(\.rawValue).joined(separator: ", "))
            }
            chosen.insert(document)
        }
        return chosen
    }

    func run() throws {
        let digest = ArchiveSetup.engineDigest()
        let loaded = try Setup.load(output.file)
        Setup.report(loaded.problems.filter { $0.severity == .error }, to: .standardError)
        let batch = try Setup.batchRenderer(jobs: jobs, engine: try history.engine(for: loaded))
        let store = try ArchiveSetup.open(output.out, create: true)
        let archive = try ArchiveSetup.run(store, digest: digest, recordsFile: output.file, force: force || output.png)
        let started = Date()
        let display = output.quiet ? nil : ProgressDisplay()
        let report = batch.run(loaded, recordsFolder: URL(fileURLWithPath: output.file).deletingLastPathComponent(),
                               options: RenderOptions(output: store.root, png: output.png, dpi: output.dpi,
                                                      creator: "cedocs \(CEDocs.version)"),
                               documents: try documents(), archive: archive, progress: display?.update)
        display?.finish()
        let reportFile = ArchiveSetup.finish(store, command: "render", loaded: loaded, report: report, started: started)
        for failure in report.failures { Console.error(failure.description) }
        if !output.quiet {
            for kept in report.keptStamped { Console.out(kept.description) }
            if !report.removed.isEmpty {
                Console.out("合订本分册已改变，旧分册已删除：\(report.removed.joined(separator: "、"))")
            }
            let seconds = Date().timeIntervalSince(started)
            Console.out("已生成 \(report.written) 个文件（\(report.people) 人，\(report.pages) 页，"
                        + String(format: "%.1f 秒", seconds) + "）"
                        + (report.unchanged > 0 ? "，\(report.unchanged) 个文件输入未变、未重写" : "")
                        + (report.keptStamped.isEmpty ? "" : "，\(report.keptStamped.count) 个文件已盖章、未重写")
                        + "，输出目录：\(output.out)")
            if !loaded.rejected.isEmpty { Console.out("\(loaded.rejected.count) 人的记录有误，未生成：见上方错误") }
            for note in report.notes ?? [] { Console.out("注意：\(note)") }
            if let reportFile { Console.out("运行报告：\(reportFile.path)") }
        }
        if !report.failures.isEmpty || !loaded.rejected.isEmpty || reportFile == nil { throw ExitCode(1) }
    }
}
