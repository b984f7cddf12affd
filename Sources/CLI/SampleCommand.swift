import Archiving
import ArgumentParser
import Documents
import Foundation
import Pipeline
import Registry

/// `cedocs sample`: the city title office's spot check (抽检) of the stamped results in an archive, or of
/// every agency's results of a year in a registry (the city's PostgreSQL).
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw the spot-check sample (抽检) of the stamped results in an archive or a registry.",
        discussion: """
            For each audit agency and year, draws at least ceil(rate × n) of its n stamped results \
            (result.pdf, as the manifest records them; or, with --registry and --year, the person results \
            in force the registry holds), at least one. The draw is fixed by the seed: the same results, \
            rate and seed give the same sample anywhere — GET /v1/spot-check draws the same; without --seed \
            one is chosen and printed. Writes sample-<seed>.csv and sample-<seed>.pdf (serial, person \
            masked, unit, verdict, a blank column for the finding) into --out, by default <archive>/samples/ \
            (./samples/ for a registry). Rates below 0.2 are refused (抽检率不低于20%). Exit status: 0 \
            written, 1 no stamped results, 2 unusable input.
            """
    )

    @Argument(help: "The archive (or --registry and --year).")
    var archive: String?

    @OptionGroup var registry: RegistryOption

    @Option(help: "With --registry: the audit year whose results are drawn.")
    var year: Int?

    @Option(help: "The share of each agency's results to draw, at least 0.2 (or 20%).")
    var rate: String = "0.2"

    @Option(help: "The seed of the draw (a whole number); printed when chosen.")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "The folder for the CSV and PDF (default: <archive>/samples, or ./samples).")
    var out: String?

    func validate() throws {
        guard archive != nil || year != nil else { throw ValidationError("请给出归档目录，或 --registry 审验登记库 与 --year 年度") }
        guard archive == nil || year == nil else { throw ValidationError("--year 只用于从审验登记库抽检（--registry），归档按其中各年度抽检") }
        guard let value = SampleRate(rate) else { throw ValidationError("抽检率“\(rate)”无效：应为 0.2 到 1 之间的小数，或 20% 这样的百分数") }
        guard value >= SpotCheck.minimumRate else { throw ValidationError("抽检率 \(value) 低于规定的 20%（抽检率不低于20%）") }
    }

    func run() throws {
        let rate = SampleRate(rate)!
        let seed = seed ?? UInt64.random(in: 1...999_999_999)
        let list: SpotCheckList
        let folder: URL
        if let archive {
            let store = try ArchiveSetup.open(archive, create: false)
            list = SpotCheckList(SpotCheck.draw(try store.entries(), rate: rate, seed: seed), rate: rate, seed: seed)
            try? store.close()
            folder = URL(fileURLWithPath: out ?? URL(fileURLWithPath: archive).appendingPathComponent(ArchivePath.samples).path)
        } else {
            let location = try registry.required()
            do {
                list = SpotCheckList(results: try location.open(create: false).results(year: year!), year: year!, rate: rate, seed: seed)
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            folder = URL(fileURLWithPath: out ?? ArchivePath.samples)
        }
        Console.out("随机种子：\(seed)（用同一种子可重现本次抽检）")
        guard !list.groups.isEmpty else {
            Console.error(archive.map { "归档 \($0) 中没有盖章出具的审验结果（cedocs stamp 写入的 result.pdf），无从抽检" }
                          ?? "审验登记库中没有 \(year!) 年度的审验结果，无从抽检")
            throw ExitCode(1)
        }
        for group in list.groups {
            Console.out("\(group.agencyName)（\(group.agency)）\(group.year)年度：结果 \(group.population) 份，抽取 \(group.drawn.count) 份")
        }
        let csv = folder.appendingPathComponent("sample-\(seed).csv")
        let pdf = folder.appendingPathComponent("sample-\(seed).pdf")
        do {
            try AtomicFile.write(list.csv(), to: csv)
            let pages = try Setup.renderer().produce(.spotCheck, list.data(creator: "cedocs \(CEDocs.version)"), to: .file(pdf)).pages
            Console.out("抽检名单：\(csv.path)；抽检表：\(pdf.path)（\(pages) 页）")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
