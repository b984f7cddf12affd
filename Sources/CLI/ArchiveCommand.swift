import Archiving
import ArgumentParser
import Foundation
import Pipeline
import Registry
import Stamping

/// `cedocs archive`: the output folder as an archive (归档) — check it, hand part of it over.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Check an archive against its manifest, or export a person's or a unit's files as a ZIP.",
        subcommands: [ArchiveCheckCommand.self, ArchiveExportCommand.self]
    )
}

struct ArchiveCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every file of an archive against manifest.json.",
        discussion: """
            First finishes the manifest if a run was cut short (kill, power cut, full disk), then reads \
            every file the manifest lists, compares its size and SHA-256 and checks that a PDF or PNG ends \
            as a whole file does (不完整 otherwise); files on disk that the manifest does not list are named \
            too (reports/ and samples/ aside). A stamped file is named with its serial. With --agency, each \
            file that agency stamped is also looked up in its registry: its SHA-256 must be registered under \
            its serial, and that result still in force. Exit status: 0 all files as listed, 1 missing, \
            altered, incomplete, unlisted or unregistered files (listed), 2 the archive or the registry unusable.
            """
    )

    @Argument(help: "The archive (the output folder of cedocs render and stamp).")
    var archive: String

    @Option(help: "An agency's profile folder: check the files it stamped against its registry.")
    var agency: String?

    func run() throws {
        let store = try ArchiveSetup.open(archive, create: false)
        let check: ArchiveCheck
        do { check = try ArchiveCheck(store) } catch {
            try? store.close()
            Console.error(error.description)
            throw ExitCode(2)
        }
        for entry in check.missing { Console.out("缺失    \(entry.path)\(Self.owner(entry))\(Self.stamped(entry))") }
        for entry in check.altered {
            Console.out("已改动  \(entry.path)\(Self.owner(entry))："
                        + (entry.origin.stamp.map { "已盖章（审验编号 \($0.serial)）的文件与盖章时的 SHA-256 不符，已不是审验机构出具的那份" }
                           ?? "与清单中的 SHA-256 不符"))
        }
        for entry in check.incomplete {
            Console.out("不完整  \(entry.path)\(Self.owner(entry))：文件不完整（末尾缺失），再次运行 render 或 stamp 将重新生成")
        }
        for path in check.unlisted { Console.out("清单外  \(path)") }
        let listed = check.intact + check.missing.count + check.altered.count + check.incomplete.count
        Console.out("核查 \(listed) 个清单文件：完好 \(check.intact)，缺失 \(check.missing.count)，"
                    + "已改动 \(check.altered.count)，不完整 \(check.incomplete.count)；清单外文件 \(check.unlisted.count) 个")
        let registered = try agency.map { try Self.checkRegistry(store, agency: $0) } ?? true
        do { try store.close() } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        if !check.isClean || !registered { throw ExitCode(1) }
    }

    /// The files the agency of the profile at `folder` stamped, against its registry; true when all match.
    static func checkRegistry(_ store: ArchiveStore, agency folder: String) throws -> Bool {
        do {
            let profile = try AgencyProfile(contentsOf: URL(fileURLWithPath: folder))
            let check = try StampedFileCheck(store, registry: try RegistryOption.environment(of: profile).open(create: false),
                                             agency: profile.code)
            for mismatch in check.mismatches { Console.out("与登记库不符  \(mismatch.path)：\(mismatch.message)") }
            Console.out("\(profile.name)已盖章文件 \(check.checked) 个，与登记库相符 \(check.matching)，不符 \(check.mismatches.count)")
            return check.mismatches.isEmpty
        } catch {
            try? store.close()
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    static func stamped(_ entry: ManifestEntry) -> String {
        entry.origin.stamp.map { "：已盖章（审验编号 \($0.serial)）" } ?? ""
    }

    static func owner(_ entry: ManifestEntry) -> String {
        let who = entry.origin.person.map { "公民身份号码 \($0)" } ?? entry.origin.unit.map { "单位“\($0)”" } ?? ""
        return "（\(who)\(entry.origin.year)年度）"
    }
}

struct ArchiveExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one person's or one unit's files, every year, as one ZIP for handing over.",
        discussion: """
            The ZIP holds people/<公民身份号码>/… or units/<unit>/… as in the archive, and manifest.json \
            listing exactly those files with their SHA-256. A file missing or altered is not handed over: \
            the export stops and names it. Exit status: 0 written, 1 nothing to export or a damaged file, \
            2 the archive unusable.
            """
    )

    @Argument(help: "The archive.")
    var archive: String

    @Option(help: "The person's 公民身份号码.")
    var person: String?

    @Option(help: "The unit's name, as in its records.")
    var unit: String?

    @Option(name: .shortAndLong, help: "The ZIP file to write (default: <公民身份号码>.zip or <unit>.zip here).")
    var output: String?

    func validate() throws {
        guard (person == nil) != (unit == nil) else { throw ValidationError("请给出 --person 公民身份号码 或 --unit 单位名称（二者选一）") }
    }

    func run() throws {
        let subject: ArchiveExport.Subject = person.map { .person($0) } ?? .unit(unit!)
        let target = URL(fileURLWithPath: output ?? "\(SafeName.make(person ?? unit!)).zip")
        let store = try ArchiveSetup.open(archive, create: false)
        defer { try? store.close() }
        do {
            let entries = try ArchiveExport.write(subject, from: store, to: target)
            Console.out("已导出 \(entries.count) 个文件及清单摘录到 \(target.path)")
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
    }
}
