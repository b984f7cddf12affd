import ArgumentParser
import Foundation
import Registry
import Stamping

/// `--registry FILE|URL`: the registry a command uses instead of the agency profile's registry.sqlite —
/// a city's PostgreSQL (`postgresql://…`) or another SQLite file. Without it, CEDOCS_REGISTRY.
struct RegistryOption: ParsableArguments {
    @Option(name: .customLong("registry"),
            help: "The registry: a SQLite file, or postgresql://USER[:PASSWORD]@HOST[:PORT]/DB (default: $CEDOCS_REGISTRY, else the agency's registry.sqlite).")
    var given: String?

    /// The registry given, or nil when neither the option nor the environment names one.
    var location: RegistryLocation? { Self.location(given) }

    /// The registry given, else `profile`'s own.
    func location(of profile: AgencyProfile) -> RegistryLocation {
        location ?? .file(profile.registryFile)
    }

    /// For commands without the option: CEDOCS_REGISTRY, else `profile`'s own registry.
    static func environment(of profile: AgencyProfile) -> RegistryLocation {
        location(nil) ?? .file(profile.registryFile)
    }

    static func location(_ given: String?) -> RegistryLocation? {
        (given ?? ProcessInfo.processInfo.environment[RegistryLocation.environmentVariable]).flatMap {
            $0.isEmpty ? nil : RegistryLocation($0)
        }
    }

    /// The registry given; exit 2 naming the option when there is none.
    func required() throws -> RegistryLocation {
        guard let location else {
            Console.error("请用 --registry 或环境变量 \(RegistryLocation.environmentVariable) 指定审验登记库（SQLite 文件或 postgresql://…）")
            throw ExitCode(2)
        }
        return location
    }
}
