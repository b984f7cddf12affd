import ArgumentParser
import Foundation
import Pipeline
import Records
import Registry
import Rules
import Stamping

/// Where `check` and `render` find earlier years (学时台账): an agency's registry, or a ledger file.
/// Without either each year is judged alone and the report says so.
struct LedgerOptions: ParsableArguments {
    @ArgumentParser.Option(help: "Judge earlier years by this ledger file (cedocs/ledger/1 JSON, as `cedocs registry ledger` writes).")
    var ledger: String?

    @ArgumentParser.Option(name: .customLong("ledger-agency"),
            help: "Judge earlier years by the ledger in this agency's registry (its profile folder, e.g. config/agencies/XZPX).")
    var agency: String?

    func validate() throws {
        if ledger != nil && agency != nil { throw ValidationError("give --ledger or --ledger-agency, not both") }
    }

    /// The rules `loaded` is judged by, with the ledger given, if any (exit 2 when it cannot be read).
    func engine(for loaded: LoadedRecords) throws -> RulesEngine {
        do {
            if let ledger { return RulesEngine(ledger: try Self.read(ledger)) }
            if let agency {
                let profile = try AgencyProfile(contentsOf: URL(fileURLWithPath: agency))
                // An agency that has stamped nothing yet has an empty ledger.
                let location = RegistryOption.environment(of: profile)
                guard location != .file(profile.registryFile) || FileManager.default.fileExists(atPath: profile.registryFile.path) else {
                    return RulesEngine(ledger: Ledger())
                }
                // The ledger as the agency's stamp reads it.
                return try RulesEngine.agency(try location.open(create: false), people: loaded.records.people.idNumbers)
            }
            return RulesEngine()
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// The ledger file at `path` (cedocs/ledger/1).
    static func read(_ path: String) throws -> Ledger {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RegistryError("学时台账 \(path) 无法读取：\(error.localizedDescription)")
        }
        return try LedgerFile.decode(data, name: path)
    }
}
