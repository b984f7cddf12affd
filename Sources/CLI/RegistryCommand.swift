import ArgumentParser
import Foundation
import Registry
import Stamping

/// `cedocs registry migrate|backup|restore|ledger`: a PostgreSQL registry's schema brought up to date, a
/// consistent copy of an agency's live SQLite registry and bringing one back, and the ledger as a file.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Migrate a registry of issued results (审验登记库), back one up or restore it, or write its ledger.",
        discussion: """
            The registry is the only source of the agency's serials: back it up as often as results are \
            issued. A SQLite registry's backup is SQLite's online backup, consistent while stamp runs and the \
            service go on; a PostgreSQL registry is backed up with pg_dump (README).
            """,
        subcommands: [Migrate.self, Backup.self, Restore.self, LedgerExport.self]
    )

    struct LedgerExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Write the agency's ledger of people's years (学时台账) as a cedocs/ledger/1 file.",
            discussion: """
                The file is what `cedocs check --ledger` and `cedocs render --ledger` read: for each person                 and year stamped, the recognised hours, the hours carried to later years (细则四(二)…(六)) and                 a diploma's later years (四(三)), and the verdict.
                """
        )

        @Argument(help: "The ledger file to write (replaced whole if it exists).")
        var file: String

        @Option(help: "The agency's profile folder, e.g. config/agencies/XZPX (its registry.sqlite).")
        var agency: String?

        @OptionGroup var registry: RegistryOption

        func run() throws {
            let registry = try RegistryCommand.open(agency, registry, create: false)
            do {
                let ledger = try registry.ledger()
                try LedgerFile.encode(ledger).write(to: URL(fileURLWithPath: file), options: .atomic)
                Console.out("已写出学时台账 \(file)：\(ledger.entries.count) 个人员年度")
            } catch {
                Console.error("学时台账 \(file) 未能写出：\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy the agency's registry into a new file.")

        @Argument(help: "The backup file to write; it must not exist yet.")
        var file: String

        @Option(help: "The agency's profile folder, e.g. config/agencies/XZPX.")
        var agency: String

        func run() throws {
            let registry = try RegistryCommand.sqlite(agency, create: false)
            do {
                let results = try registry.backup(to: URL(fileURLWithPath: file))
                Console.out("已备份审验登记库 \(registry.file.path) 到 \(file)：\(results) 个结果")
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the agency's registry with a backup.",
            discussion: """
                Refused when the registry holds serials the backup lacks (they would be issued again while \
                documents bearing them are out), unless --force.
                """
        )

        @Argument(help: "The backup file (made by cedocs registry backup).")
        var file: String

        @Option(help: "The agency's profile folder, e.g. config/agencies/XZPX.")
        var agency: String

        @Flag(help: "Restore even if serials issued since the backup are lost.")
        var force = false

        func run() throws {
            let registry = try RegistryCommand.sqlite(agency, create: true)
            do {
                let results = try registry.restore(from: URL(fileURLWithPath: file), force: force)
                Console.out("已从 \(file) 恢复审验登记库 \(registry.file.path)：\(results) 个结果")
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a PostgreSQL registry's schema to this cedocs's version.",
            discussion: """
                Applies the numbered migrations the database lacks, all in one transaction; run it once after \
                installing a new cedocs, before its processes start (they refuse an older or newer schema). \
                A SQLite registry is migrated when it is opened to stamp.
                """
        )

        @OptionGroup var registry: RegistryOption

        func run() throws {
            guard case .postgres(let url) = try registry.required() else {
                Console.out("SQLite 审验登记库在盖章打开时自动迁移，无需此命令")
                return
            }
            do {
                let (from, to) = try PostgresRegistry.migrate(url: url)
                Console.out(from == to ? "审验登记库已是版本 \(to)，无需迁移" : "审验登记库已从版本 \(from) 迁移到版本 \(to)")
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
    }

    /// The registry given by `--registry` (or CEDOCS_REGISTRY), else that of the agency whose profile
    /// folder is `agency`.
    static func open(_ agency: String?, _ option: RegistryOption, create: Bool) throws -> any Registry {
        do {
            if let location = option.location { return try location.open(create: create) }
            guard let agency else { return try option.required().open(create: create) }
            return try SQLiteRegistry(file: try AgencyProfile(contentsOf: URL(fileURLWithPath: agency)).registryFile, create: create)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// The SQLite registry of the agency whose profile folder is `agency` (backup and restore are SQLite's).
    static func sqlite(_ agency: String, create: Bool) throws -> SQLiteRegistry {
        do {
            let profile = try AgencyProfile(contentsOf: URL(fileURLWithPath: agency))
            return try SQLiteRegistry(file: profile.registryFile, create: create)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
