import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cedocs check` on what issue 11 found: numbers the rules cannot hold, files of millions of bad
/// people, files cut short while read, pipes and devices. Always an exit status (1 or 2) with the
/// path, never a signal; `--json` always one complete JSON document.
@Suite("cedocs check on hostile input")
struct HostileInputTests {
    let environment = Command.cedocsEnvironment

    func cedocs(_ arguments: [String]) throws -> CommandResult {
        try Command.run(Repository.executable.path, arguments, environment: environment)
    }

    static let regressions = Repository.root.appendingPathComponent("Tests/Fuzz/regressions")

    static var regressionFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    @Test("every regression file: check and check --json exit 1 or 2 with a path, never a signal",
          arguments: regressionFiles)
    func regression(name: String) throws {
        let file = Self.regressions.appendingPathComponent(name).path
        let text = try cedocs(["check", file])
        #expect([0, 1, 2].contains(text.status), "\(name): \(text.status) \(text.stderr)")
        let json = try cedocs(["check", "--json", file])
        #expect(json.status == text.status, "\(name): \(json.stderr)")
        let report = try jsonObject(json.stdout)
        if name.hasPrefix("issue11-") {
            // The number is refused at its path; the person is rejected, and nothing prints "inf".
            #expect(text.status == 1)
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            let paths = (rejected.first?["problems"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
            #expect(paths.contains { $0.hasPrefix("people[0].activities[1]") }, "\(name): \(paths)")
            #expect(text.stdout.contains("people[0].activities[1]"))
            #expect(!text.stdout.contains("inf") && !json.stdout.contains("inf"))
        }
    }

    @Test("3,000 people of `1`: the first 1,000 problems listed, all counted")
    func manyRejected() throws {
        let folder = Repository.temporaryFolder()
        let file = folder.appendingPathComponent("ones.json")
        let ones = Array(repeating: "1", count: 3_000).joined(separator: ",")
        try Data("{\"schema\":\"cedocs/records/1\",\"year\":2016,\"unit\":{\"name\":\"单位\",\"nature\":\"企业\",\"authority\":\"主管\"},\"people\":[\(ones)]}".utf8)
            .write(to: file)
        let json = try cedocs(["check", "--json", file.path])
        #expect(json.status == 1)
        let report = try jsonObject(json.stdout)
        #expect((report["rejected"] as? [Any])?.count == 1_000)
        #expect(report["omitted"] as? [String: Int] == ["rejected": 2_000, "problems": 2_000])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["people"] as? Int == 3_000 && summary["with_errors"] as? Int == 3_000)
        let text = try cedocs(["check", file.path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("另有 2000 人记录有误未列出"))
        #expect(text.stdout.contains("people[999]") && !text.stdout.contains("people[1000]"))
        #expect(text.stdout.contains("共 3000 人"))
    }

    @Test("an unusable file with --json: one complete JSON error object on standard output, exit 2")
    func unusableJSON() throws {
        let folder = Repository.temporaryFolder()
        let file = folder.appendingPathComponent("broken.json")
        try Data("{\"schema\": \"cedocs/records/1\", \"year\": 2016,,}".utf8).write(to: file)
        let result = try cedocs(["check", "--json", file.path])
        #expect(result.status == 2)
        let error = try #require(try jsonObject(result.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_records")
        let problems = try #require(error["problems"] as? [[String: Any]])
        #expect((problems.first?["message"] as? String)?.contains("第 1 行") == true)
    }

    // MARK: pipes and devices

    /// Runs `cedocs` with `input` written to its standard input through a pipe.
    func cedocs(_ arguments: [String], stdin input: Data) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = Repository.executable
        process.arguments = arguments
        process.environment = environment
        let (inPipe, outPipe, errPipe) = (Pipe(), Pipe(), Pipe())
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished || !writer.isFinished { usleep(1000) }
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("standard input through a pipe, as /dev/stdin and as -, reads like the file")
    func standardInput() throws {
        let example = try Data(contentsOf: Repository.example)
        let direct = try cedocs(["check", "--json", Repository.example.path])
        for name in ["/dev/stdin", "-"] {
            let piped = try cedocs(["check", "--json", name], stdin: example)
            #expect(piped.status == direct.status, "\(name): \(piped.stderr)")
            let report = try jsonObject(piped.stdout)
            #expect((report["summary"] as? [String: Int]) == (try jsonObject(direct.stdout)["summary"] as? [String: Int]))
        }
    }

    @Test("a FIFO is read into memory like a pipe")
    func fifo() throws {
        let folder = Repository.temporaryFolder()
        let fifo = folder.appendingPathComponent("records.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let example = try Data(contentsOf: Repository.example)
        let writer = Thread {
            // Opening blocks until cedocs opens the other end: an event, not a sleep.
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(example)
                try? handle.close()
            }
        }
        writer.start()
        let result = try cedocs(["check", fifo])
        while !writer.isFinished { usleep(1000) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("共 3 人"))
    }

    @Test("devices and folders are refused, saying what they are", arguments: [
        ("/dev/zero", "字符设备"), ("/dev/null", "字符设备"), ("/tmp", "文件夹"),
    ])
    func devices(path: String, kind: String) throws {
        let result = try cedocs(["check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(kind), "\(result.stderr)")
        #expect(!result.stderr.contains("权限"))
    }

    // MARK: a file changed while it is read

    @Test("a file cut short while check walks it: exit 2 and, with --json, one complete JSON error object")
    func truncatedDuringWalk() throws {
        let folder = Repository.temporaryFolder()
        let people = (1...20_000).map { Samples.person($0) }
        let file = try Samples.write(Samples.records(people: people), to: folder)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)

        // The walk reads each person again with pread, which inotify reports as an access; the load
        // before it only maps the file, which inotify does not see. At the first access the file is
        // cut to half: the people after that point can no longer be read.
        let watch = inotify_init1(Int32(IN_CLOEXEC))
        #expect(watch >= 0)
        defer { close(watch) }
        #expect(inotify_add_watch(watch, file.path, UInt32(IN_ACCESS)) >= 0)
        let cutter = Thread {
            var event = [UInt8](repeating: 0, count: 4096)
            _ = event.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
            _ = truncate(file.path, off_t(size / 2))
        }
        cutter.start()
        let result = try cedocs(["check", "--json", file.path])
        // Had cedocs never read the file, the cutter would wait for ever: one read of our own frees it.
        if !cutter.isFinished { _ = FileManager.default.contents(atPath: file.path) }
        while !cutter.isFinished { usleep(1000) }
        #expect(result.status == 2, "\(result.stderr)")
        let error = try #require(try jsonObject(result.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "records_changed")
        #expect((error["message"] as? String)?.contains("在处理期间被修改") == true)
        #expect(result.stdout.hasPrefix("{\"error\""))
    }
}
