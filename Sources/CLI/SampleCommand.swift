import Archiving
import ArgumentParser
import Documents
import Foundation
import Pipeline

/// `cedocs sample`: the city title office's spot check (抽检) of the stamped results in an archive.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw the spot-check sample (抽检) of the stamped results in an archive.",
        discussion: """
            For each audit agency and year, draws at least ceil(rate × n) of its n stamped results \
            (result.pdf, as the manifest records them), at least one. The draw is fixed by the seed: the \
            same archive, rate and seed give the same sample anywhere; without --seed one is chosen and \
            printed. Writes sample-<seed>.csv and sample-<seed>.pdf (serial, person masked, unit, verdict, \
            a blank column for the finding) into --out, by default <archive>/samples/. Rates below 0.2 are \
            refused (抽检率不低于20%). Exit status: 0 written, 1 no stamped results, 2 unusable input.
            """
    )

    @Argument(help: "The archive.")
    var archive: String

    @Option(help: "The share of each agency's results to draw, at least 0.2 (or 20%).")
    var rate: String = "0.2"

    @Option(help: "The seed of the draw (a whole number); printed when chosen.")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "The folder for the CSV and PDF (default: <archive>/samples).")
    var out: String?

    func validate() throws {
        guard let value = SampleRate(rate) else { throw ValidationError("抽检率“\(rate)”无效：应为 0.2 到 1 之间的小数，或 20% 这样的百分数") }
        guard value >= SpotCheck.minimumRate else { throw ValidationError("抽检率 \(value) 低于规定的 20%（抽检率不低于20%）") }
    }

    func run() throws {
        let rate = SampleRate(rate)!
        let seed = seed ?? UInt64.random(in: 1...999_999_999)
        let store = try ArchiveSetup.open(archive, create: false)
        let groups = SpotCheck.draw(store.entries, rate: rate, seed: seed)
        try? store.close()
        Console.out("随机种子：\(seed)（用同一种子可重现本次抽检）")
        guard !groups.isEmpty else {
            Console.error("归档 \(archive) 中没有盖章出具的审验结果（cedocs stamp 写入的 result.pdf），无从抽检")
            throw ExitCode(1)
        }
        for group in groups {
            Console.out("\(group.agencyName)（\(group.agency)）\(group.year)年度：结果 \(group.population) 份，抽取 \(group.drawn.count) 份")
        }
        let folder = URL(fileURLWithPath: out ?? URL(fileURLWithPath: archive).appendingPathComponent(ArchivePath.samples).path)
        let list = SpotCheckList(groups, rate: rate, seed: seed)
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
