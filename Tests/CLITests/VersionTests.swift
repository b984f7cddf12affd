import Foundation
import Testing
import TestSupport

/// `cedocs --version` tells what made a file: version, commit, fonts and templates.
@Suite("cedocs --version")
struct VersionTests {
    func version(home: URL) throws -> [String] {
        let result = try Command.run(Repository.executable.path, ["--version"],
                                     environment: ["CEDOCS_HOME": home.path, "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The third line's digest.
    func digest(_ lines: [String]) throws -> String {
        let fields = try #require(lines.count == 3 ? lines[2].split(separator: " ") : nil)
        #expect(fields[0] == "fonts+templates" && fields[1] == "sha256")
        return String(fields[2])
    }

    @Test("the version, the commit the build was stamped with (or unknown), a SHA-256 of fonts and templates")
    func lines() throws {
        let lines = try version(home: Repository.root)
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[0].wholeMatch(of: /cedocs \d+\.\d+\.\d+/) != nil, "\(lines[0])")
        // What scripts/build-info.sh wrote before this build, if it ran.
        let header = try? String(contentsOf: Repository.root.appendingPathComponent("Sources/CBuildInfo/commit.h"),
                                 encoding: .utf8)
        let stamped = header.flatMap { $0.firstMatch(of: /"(.*)"/).map { String($0.1) } } ?? "unknown"
        #expect(lines[1] == "commit \(stamped)")
        #expect(try digest(lines).wholeMatch(of: /[0-9a-f]{64}/) != nil)
    }

    @Test("the digest follows the files' contents, not their place: a copy gives the same, an edited template another")
    func digestFollowsContents() throws {
        let copy = Repository.temporaryFolder()
        for folder in ["fonts", "templates"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder),
                                             to: copy.appendingPathComponent(folder))
        }
        let original = try digest(version(home: Repository.root))
        #expect(try digest(version(home: copy)) == original)
        let template = copy.appendingPathComponent("templates/result.yaml")
        try (String(contentsOf: template, encoding: .utf8) + "\n# 改过\n").write(to: template, atomically: true, encoding: .utf8)
        #expect(try digest(version(home: copy)) != original)
    }

    @Test("scripts/build-info.sh: unknown outside git, the HEAD commit in a checkout, -dirty when a tracked file changed")
    func buildInfoScript() throws {
        let checkout = Repository.temporaryFolder()
        let scripts = checkout.appendingPathComponent("scripts")
        let sources = checkout.appendingPathComponent("Sources/CBuildInfo")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("scripts/build-info.sh"),
                                         to: scripts.appendingPathComponent("build-info.sh"))
        try Data("// build_info.c\n".utf8).write(to: sources.appendingPathComponent("build_info.c"))
        let header = sources.appendingPathComponent("commit.h")
        func stamp() throws -> String {
            let result = try Command.run(scripts.appendingPathComponent("build-info.sh").path, [])
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOf: header, encoding: .utf8)
        }
        #expect(try stamp() == "#define CEDOCS_COMMIT \"unknown\"\n")

        let git = { (arguments: [String]) throws -> CommandResult in
            try Command.run("git", ["-C", checkout.path, "-c", "user.name=t", "-c", "user.email=t@localhost"] + arguments)
        }
        try git(["init", "-q"])
        try git(["add", "scripts", "Sources/CBuildInfo/build_info.c"])
        try git(["commit", "-q", "-m", "one"])
        let head = try git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.count == 40)
        #expect(try stamp() == "#define CEDOCS_COMMIT \"\(head)\"\n")
        try Data("// changed\n".utf8).write(to: sources.appendingPathComponent("build_info.c"))
        #expect(try stamp() == "#define CEDOCS_COMMIT \"\(head)-dirty\"\n")
    }
}
