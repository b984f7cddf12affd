import Foundation
import Testing
import TestSupport

/// The real `cedocs`, run plainly or under strace with failing system calls injected (as SQLite tests
/// itself against I/O errors), and what any run must leave behind, whatever failed (issue 20).
enum Cedocs {
    static let environment = Command.cedocsEnvironment

    static func run(_ arguments: [String]) throws -> CommandResult {
        try Command.run(Repository.executable.path, arguments, environment: environment)
    }

    /// The system calls where a full disk or a failing device shows. `strace -f -c` of `render`, `stamp`
    /// and `archive export` finds cedocs making write, pwrite64 (SQLite), fsync/fdatasync (SQLite, the
    /// export), syncfs (the archive, once a run), rename and linkat (every file); the others of each
    /// family are named too, so that a change of library cannot slip past.
    enum Calls: String, CaseIterable, Sendable {
        case writes = "write,pwrite64,writev,pwritev"
        case syncs = "fsync,fdatasync,syncfs"
        case names = "rename,renameat,renameat2,linkat"
    }

    /// The errors a disk gives: full, failing, over quota.
    static let errors = ["ENOSPC", "EIO", "EDQUOT"]

    /// How many calls of `calls` the busiest thread of a run makes: strace counts the calls to fail per
    /// thread, so the faults are spread over this range.
    static func count(_ calls: Calls, _ arguments: [String], prepare: () throws -> Void) throws -> Int {
        try prepare()
        let (result, threads) = try trace(["-e", "trace=\(calls.rawValue)"], arguments)
        #expect(!result.signaled, "\(result.stderr)")
        return threads.map { $0.count }.max() ?? 0
    }

    /// `arguments` run with the `n`th call of each of `calls` failing with `error`, in each thread; with
    /// the calls that failed as strace shows them (`-y`: each file descriptor with its path).
    static func inject(_ calls: Calls, n: Int, error: String, _ arguments: [String]) throws -> (CommandResult, [String]) {
        let (result, threads) = try trace(["-y", "-e", "trace=\(calls.rawValue)",
                                           "-e", "inject=\(calls.rawValue):error=\(error):when=\(n)"], arguments)
        return (result, threads.flatMap { $0.filter { $0.hasSuffix("(INJECTED)") } })
    }

    /// Runs cedocs under strace with `options`; what it did, and the calls traced in each thread (one
    /// file per thread, `-ff`, so that no call is split across lines by another thread's).
    private static func trace(_ options: [String], _ arguments: [String]) throws -> (CommandResult, [[String]]) {
        let folder = Repository.temporaryFolder("trace")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Command.run("/usr/bin/strace", ["-ff", "-qq", "--seccomp-bpf", "-o", folder.appendingPathComponent("t").path]
                                                        + options + [Repository.executable.path] + arguments,
                                     environment: environment)
        let threads = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).map { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("+++") }.map(String.init)
        }
        return (result, threads)
    }

    /// Whether a call strace shows is one whose failure cedocs must report: into its `folder`, or onto
    /// standard output and error. Not SQLite's flush of the registry's folder after creating its journal,
    /// whose failure SQLite ignores on purpose (the journal's own flush counts).
    static func isOwn(_ call: String, in folder: URL) -> Bool {
        guard call.contains(folder.path) || call.hasPrefix("write(1<") || call.hasPrefix("write(2<") else { return false }
        guard call.hasPrefix("fsync(") || call.hasPrefix("fdatasync("),
              let open = call.firstIndex(of: "<"), let close = call[open...].firstIndex(of: ">") else { return true }
        var isDirectory: ObjCBool = false
        return !(FileManager.default.fileExists(atPath: String(call[call.index(after: open)..<close]), isDirectory: &isDirectory)
                 && isDirectory.boolValue)
    }

    /// About `samples` numbers spread evenly over 1...count, the first and the last among them.
    static func sample(_ count: Int, _ samples: Int) -> [Int] {
        guard count > 0 else { return [] }
        let step = max(1, count / max(1, samples - 1))
        return Array(Set(Array(stride(from: 1, through: count, by: step)) + [count])).sorted()
    }

    /// A failed run: an exit status of 1 or 2, never a signal (a trap), with what failed in words and
    /// where: the file's path, or the stream that could not be written.
    static func expectReported(_ result: CommandResult, error: String, places: [String], _ what: String) {
        #expect(!result.signaled, "\(what): killed by signal \(result.status)\n\(result.stderr)")
        guard !result.signaled else { return }
        #expect(result.status == 1 || result.status == 2, "\(what): exit \(result.status)\n\(result.stderr)")
        // SQLite names only ENOSPC on a write as a full disk: the registry's other failures are 写入失败.
        let words = error == "EIO" ? ["写入失败"] : result.stderr.contains("审验登记库") ? ["磁盘已满", "写入失败"] : ["磁盘已满"]
        #expect(words.contains { result.stderr.contains($0) }, "\(what): no \(words) in\n\(result.stderr)")
        let named = (places + ["标准输出", "标准错误输出"]).contains { result.stderr.contains($0) }
        #expect(named, "\(what): no file named in\n\(result.stderr)")
    }

    /// Every file at a final name under `folder` opens: each PDF with pdfinfo, each PNG and JSON file
    /// whole; temporary files (`.<name>.<pid>.tmp`) aside, which the next run clears. The number of
    /// PDFs.
    @discardableResult
    static func expectWhole(_ folder: URL, _ what: String) throws -> Int {
        var pdfs = 0
        let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walk?.nextObject() as? URL {
            let name = url.lastPathComponent
            guard !name.hasPrefix("."), (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            switch url.pathExtension {
            case "pdf":
                pdfs += 1
                let info = try Command.run("/usr/bin/pdfinfo", [url.path])
                #expect(info.status == 0, "\(what): \(url.path) does not open: \(info.stderr)")
            case "json":
                #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) != nil,
                        "\(what): \(url.path) is not whole JSON")
            case "zip":
                let list = try Command.run("/usr/bin/unzip", ["-tq", url.path])
                #expect(list.status == 0, "\(what): \(url.path) is not a whole ZIP: \(list.stdout)")
            default:
                continue
            }
        }
        return pdfs
    }

    /// `cedocs archive check` finds the archive as its manifest (with the journal replayed) says.
    static func expectConsistent(_ archive: URL, _ what: String) throws {
        let check = try run(["archive", "check", archive.path])
        #expect(check.status == 0 && !check.signaled, "\(what): archive check exit \(check.status)\n\(check.stdout)\(check.stderr)")
    }

    /// Every file the registry says was issued is on disk under `archive`, byte for byte.
    static func expectIssuedFilesPresent(registry: URL, archive: URL, _ what: String) throws {
        guard FileManager.default.fileExists(atPath: registry.path) else { return }
        // A registry whose creation failed holds no table, and so no result.
        let tables = try Command.run("/usr/bin/sqlite3", ["-readonly", registry.path,
                                                          "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('issue', 'document')"])
        guard tables.stdout.hasPrefix("2") else { return }
        let rows = try Command.run("/usr/bin/sqlite3", ["-readonly", registry.path,
                                                        "SELECT d.sha256 FROM document d JOIN issue i ON i.serial = d.serial "
                                                            + "WHERE i.superseded_by IS NULL"])
        #expect(rows.status == 0, "\(what): sqlite3: \(rows.stderr)")
        let issued = Set(rows.stdout.split(separator: "\n").map(String.init))
        var onDisk: Set<String> = []
        let walk = FileManager.default.enumerator(at: archive, includingPropertiesForKeys: nil)
        while let url = walk?.nextObject() as? URL {
            guard url.pathExtension == "pdf" else { continue }
            let digest = try Command.run("/usr/bin/sha256sum", [url.path])
            onDisk.insert(String(digest.stdout.prefix(64)))
        }
        let missing = issued.subtracting(onDisk)
        #expect(missing.isEmpty, "\(what): the registry lists \(missing.count) files that are not on disk")
    }

    /// What `stamp` works on, made in `base`: the records of two people the agency examined, and the
    /// agency's profile (with its seal) to copy beside each run's output.
    static func stampInputs(in base: URL) throws -> (records: URL, profile: URL) {
        let records = try Samples.write(Samples.records(people: (1...2).map { Samples.person($0, audit: true) }), to: base)
        let profile = base.appendingPathComponent("config")
        let seal = Repository.root.appendingPathComponent("Tests/StampPipelineTests/Fixtures/red-ring.png")
        let made = try run(["agency", "init", "徐州市职业技术培训中心", "--code", "XZPX", "--district", "市直",
                            "--seal", seal.path, "--verify-base", "https://verify.example.org/ce", "--config", profile.path])
        try #require(made.status == 0, "\(made.stderr)")
        return (records, profile)
    }

    /// `stamp` of `records` with the profile copied into `folder`, into `folder/out`.
    static func stamp(_ records: URL, in folder: URL) -> [String] {
        ["stamp", records.path, "--agency", folder.appendingPathComponent("config/agencies/XZPX").path,
         "--out", folder.appendingPathComponent("out").path]
    }

    /// The text of the stamp run's report (`reports/<year>/<unit>.stamp.json`), empty when there is none.
    static func stampReport(in archive: URL) -> String {
        let reports = archive.appendingPathComponent("reports")
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: reports.path)) ?? []
        return files.filter { $0.hasSuffix(".stamp.json") }
            .compactMap { try? String(contentsOf: reports.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
    }

    /// The registry of the profile copied into `folder`.
    static func registry(in folder: URL) -> URL {
        folder.appendingPathComponent("config/agencies/XZPX/registry.sqlite")
    }
}
