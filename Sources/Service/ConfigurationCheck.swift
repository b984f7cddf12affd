import Foundation
import Registry
import Stamping

/// `cedocs serve --check-config FILE`: what the service needs at start, checked without starting it and
/// without creating anything, every problem at its key — the file as ServiceConfiguration reads it (token
/// digests, limits, verify_rate), then what it names: the request log's folder, each agency's profile,
/// its signing key (mode 0600, an Ed25519 key), its registry (or the city's, `registry:`).
public enum ConfigurationCheck {
    public static func problems(of file: URL) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        guard let configuration = ServiceConfiguration.read(file, problems: &problems) else { return problems }
        if let problem = writableFolder(of: configuration.requestLog) {
            problems.append(ConfigurationProblem(key: "request_log", message: problem))
        }
        if let registry = configuration.registry {
            // Reachable, and at this cedocs's schema version (`cedocs registry migrate`).
            do { _ = try registry.open(create: false) } catch {
                problems.append(ConfigurationProblem(key: "registry", message: error.description))
            }
        }
        for token in configuration.tokens {
            guard case .agency(let folder) = token.grant else { continue }
            problems += agency(folder, checkRegistry: configuration.registry == nil)
                .map { ConfigurationProblem(key: "\(token.key).agency", message: $0) }
        }
        return problems
    }

    /// What stops the service from stamping for the agency of this profile folder.
    static func agency(_ folder: URL, checkRegistry: Bool) -> [String] {
        let profile: AgencyProfile
        do {
            profile = try AgencyProfile(contentsOf: folder)
        } catch {
            return ["\(error)"]
        }
        var problems: [String] = []
        do {
            _ = try AgencyKey(contentsOf: profile.signingKeyFile)
        } catch {
            problems.append("\(error)")
        }
        guard checkRegistry else { return problems }
        if FileManager.default.fileExists(atPath: profile.registryFile.path) {
            do {
                _ = try SQLiteRegistry(file: profile.registryFile, create: false).lastSequence(agency: profile.code, year: 0)
            } catch {
                problems.append("\(error)")
            }
        }
        if let problem = writableFolder(of: profile.registryFile) { problems.append(problem) }
        return problems
    }

    /// Why `file` could not be created or written in its folder (SQLite adds its -wal and -shm beside it).
    static func writableFolder(of file: URL) -> String? {
        let folder = file.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return "目录 \(folder) 不存在（\(file.lastPathComponent) 建在其中）"
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            return "目录 \(folder) 不可写（\(file.lastPathComponent) 及其 -wal、-shm 文件建在其中）"
        }
        return nil
    }
}
