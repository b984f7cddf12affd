import Foundation
import Testing
import TestSupport

/// `cedocs serve --check-config FILE`: a configuration checked before a restart, without starting the
/// service or creating anything; every problem at its key, exit 0 or 1.
@Suite("cedocs serve --check-config")
struct CheckConfigTests {
    let folder = Repository.temporaryFolder("checkconfig")
    let digest = String(repeating: "ab", count: 32)

    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.cedocs(arguments)
    }

    /// A configuration folder with agency XZPX in agencies/XZPX, made as an agency makes it.
    func withAgency() throws -> URL {
        let made = try cedocs(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                               "--config", folder.path])
        try #require(made.status == 0, "\(made.stderr)")
        return folder
    }

    func check(_ yaml: String) throws -> CommandResult {
        let file = folder.appendingPathComponent("service.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try cedocs(["serve", "--check-config", file.path])
    }

    /// The keys the error lines name, in order.
    func keys(_ result: CommandResult) -> [String] {
        result.stderr.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /service\.yaml：([^：]*)：/).map { String($0.1) }
        }
    }

    @Test("a usable configuration: exit 0, nothing created (no request log, no registry)")
    func good() throws {
        _ = try withAgency()
        let result = try check("""
            request_log: stamp-requests.sqlite
            limits: { people: 500 }
            tokens:
              - { name: 人事处, unit: 徐州市第一人民医院, sha256: \(digest) }
              - { name: 培训中心, agency: agencies/XZPX, sha256: \(String(repeating: "cd", count: 32)) }
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("可以使用"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("stamp-requests.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("agencies/XZPX/registry.sqlite").path))
    }

    @Test("token digests: not hex, a token itself, twice the same; a token with neither unit nor agency")
    func tokens() throws {
        let result = try check("""
            tokens:
              - { name: 甲, unit: 甲单位, sha256: "not-a-digest" }
              - { name: 乙, unit: 乙单位, sha256: \(digest) }
              - { name: 丙, unit: 丙单位, sha256: \(digest.uppercased()) }
              - { name: 丁, sha256: \(String(repeating: "ef", count: 32)) }
              - { name: " ", unit: 戊单位, sha256: \(String(repeating: "01", count: 31)) }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["tokens[0].sha256", "tokens[2].sha256", "tokens[3]", "tokens[4].name", "tokens[4].sha256"],
                "\(result.stderr)")
        #expect(result.stderr.contains("与前面的令牌重复"))
    }

    @Test("an agency's problem is named at its own entry when an earlier entry was rejected")
    func keyAfterARejectedEntry() throws {
        let result = try check("""
            tokens:
              - { name: 甲, unit: 甲单位, sha256: "not-a-digest" }
              - { name: 乙, unit: 乙单位, sha256: \(digest) }
              - { name: 培训中心, agency: agencies/NONE, sha256: \(String(repeating: "cd", count: 32)) }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["tokens[0].sha256", "tokens[2].agency"], "\(result.stderr)")
    }

    @Test("limits and verify_rate out of range, each at its key, all at once")
    func limits() throws {
        let result = try check("""
            limits: { body_bytes: 0, people: -1, request_seconds: 100000, pending_requests: 4, per_token_requests: 5,
                      min_body_bytes_per_second: 0.5, idle_seconds: .inf }
            verify_rate: { burst: 0, trusted_proxies: [10.0.0.1, proxy.example.org] }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["limits.body_bytes", "limits.people", "limits.request_seconds", "limits.idle_seconds",
                                 "limits.min_body_bytes_per_second", "limits.per_token_requests", "verify_rate.burst",
                                 "verify_rate.trusted_proxies[1]"], "\(result.stderr)")
    }

    @Test("limits above what one process can hold: each at its key, with its bound")
    func limitsTooLarge() throws {
        let result = try check("""
            limits: { body_bytes: 1099511627776, people: 100000000, pending_requests: 100000, per_token_requests: 16 }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["limits.body_bytes", "limits.people", "limits.pending_requests"], "\(result.stderr)")
        #expect(result.stderr.contains("limits.people：应大于 0 且不超过 100000 人"), "\(result.stderr)")
        let largest = try check("limits: { body_bytes: 1073741824, people: 100000, pending_requests: 1024 }\n")
        #expect(largest.status == 0, "\(largest.stderr)")
    }

    @Test("a key the configuration does not know (a typo would leave a default in force) is named with its path")
    func unknownKeys() throws {
        let result = try check("""
            request_logs: r.sqlite
            limits: { people: 10, idle_second: 3 }
            verify_rate: { per_minutes: 5 }
            tokens:
              - { name: 甲, unit: 甲单位, sha256: \(digest), agnecy: agencies/XZPX }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["request_logs", "limits.idle_second", "verify_rate.per_minutes", "tokens[0].agnecy"],
                "\(result.stderr)")
        #expect(result.stderr.contains("此处可用的键为 body_bytes、people、"), "\(result.stderr)")
    }

    @Test("a value of the wrong type is named by its YAML path")
    func wrongType() throws {
        let result = try check("limits: { people: many }\n")
        #expect(result.status == 1)
        #expect(keys(result) == ["limits.people"], "\(result.stderr)")
        #expect(result.stderr.contains("limits.people：应为整数"), "\(result.stderr)")
        for (yaml, expected) in [("tokens: { name: 甲 }", "tokens：应为列表"), ("limits: 5", "limits：应为键值表"),
                                 ("request_log: [a.sqlite]", "request_log：应为单个值")] {
            let result = try check(yaml + "\n")
            #expect(result.status == 1 && result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    @Test("paths: the request log's folder missing, an agency profile that is not there")
    func paths() throws {
        let result = try check("""
            request_log: logs/stamp-requests.sqlite
            tokens:
              - { name: 培训中心, agency: agencies/NONE, sha256: \(digest) }
            """)
        #expect(result.status == 1)
        #expect(keys(result) == ["request_log", "tokens[0].agency"], "\(result.stderr)")
        #expect(result.stderr.contains("logs"))
        #expect(result.stderr.contains("agencies/NONE/agency.yaml"))
    }

    @Test("an agency's signing key others may read, or not a key, or missing; an unreadable agency.yaml")
    func agencyFiles() throws {
        let config = try withAgency()
        let key = config.appendingPathComponent("agencies/XZPX/signing.key")
        let yaml = "tokens:\n  - { name: 培训中心, agency: agencies/XZPX, sha256: \(digest) }\n"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        var result = try check(yaml)
        #expect(result.status == 1)
        #expect(keys(result) == ["tokens[0].agency"])
        #expect(result.stderr.contains("权限为 644") && result.stderr.contains("chmod 600"), "\(result.stderr)")

        try Data("not a key\n".utf8).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        result = try check(yaml)
        #expect(result.status == 1)
        #expect(result.stderr.contains("不是 Ed25519 私钥"), "\(result.stderr)")

        try FileManager.default.removeItem(at: key)
        try Data("name: [\n".utf8).write(to: config.appendingPathComponent("agencies/XZPX/agency.yaml"))
        result = try check(yaml)
        #expect(result.status == 1)
        #expect(keys(result) == ["tokens[0].agency"])
        #expect(result.stderr.contains("agency.yaml 无法读取"), "\(result.stderr)")
    }

    @Test("a file that is not there, or not YAML; neither --config nor --check-config")
    func unusable() throws {
        let missing = try cedocs(["serve", "--check-config", folder.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("找不到服务配置文件"))
        let notYAML = try check("tokens: [\n")
        #expect(notYAML.status == 1)
        #expect(notYAML.stderr.contains("service.yaml"))
        let neither = try cedocs(["serve"])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("--check-config"))
    }
}
