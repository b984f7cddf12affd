import Foundation
import Testing
import TestSupport

extension FaultSuite {
    /// Standard output or error that cannot be written ends a command with an exit status, never a trap:
    /// a reader that left (`| head`) quietly, a full device (`/dev/full`) with a message while standard
    /// error still takes one. The service lives on when its log cannot be written.
    @Suite("output that cannot be written")
    struct OutputTests {
        /// `command` run by bash (for its redirections), with the executable as `$0` and `arguments` as `$1`….
        func shell(_ command: String, _ arguments: [String]) throws -> CommandResult {
            try Command.run("/bin/bash", ["-c", command, Repository.executable.path] + arguments, environment: Cedocs.environment)
        }

        @Test("check > /dev/full: exit 2 and a message on standard error")
        func checkToFullDevice() throws {
            for format in ["", "--json"] {
                let result = try shell("\"$0\" check $2 \"$1\" > /dev/full", [Repository.example.path, format])
                #expect(!result.signaled && result.status == 2, "exit \(result.status): \(result.stderr)")
                #expect(result.stderr.contains("无法写入标准输出：磁盘已满"), "\(result.stderr)")
            }
        }

        @Test("check | head -c 10: the reader leaves, cedocs ends quietly with exit 2, no signal")
        func checkIntoClosedPipe() throws {
            let folder = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            // Far more than a pipe holds (64 KB), so that cedocs is still writing when head leaves.
            let records = try Samples.write(Samples.records(people: (1...400).map { Samples.person($0) }), to: folder)
            let errors = folder.appendingPathComponent("stderr")
            let result = try shell("\"$0\" check \"$1\" 2>\"$2\" | head -c 10; echo \" ${PIPESTATUS[0]}\"",
                                   [records.path, errors.path])
            let lines = result.stdout.split(separator: " ")
            #expect(result.stdout.utf8.count > 10 && lines.last == "2\n", "cedocs ended with \(result.stdout)")
            #expect(try String(contentsOf: errors, encoding: .utf8).isEmpty, "a reader that leaves is no error to report")
        }

        @Test("render 2>/dev/full and >/dev/full: exit 2, no trap, the archive sound")
        func renderToFullDevice() throws {
            let folder = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var bad = Samples.person(2)
            bad["id_number"] = "320302198001011238"
            let records = try Samples.write(Samples.records(people: [Samples.person(1), bad]), to: folder)
            // The invalid person's error cannot be written to standard error.
            let out = folder.appendingPathComponent("out")
            let errors = try shell("\"$0\" render \"$1\" --out \"$2\" 2>/dev/full", [records.path, out.path])
            #expect(!errors.signaled && errors.status == 2, "exit \(errors.status)")

            // Every file written, then the summary cannot be.
            let summary = try shell("\"$0\" render \"$1\" --out \"$2\" >/dev/full", [Repository.example.path, out.path])
            #expect(!summary.signaled && summary.status == 2, "exit \(summary.status): \(summary.stderr)")
            #expect(summary.stderr.contains("无法写入标准输出：磁盘已满"))
            #expect(try Cedocs.expectWhole(out, "render >/dev/full") >= 8)
            try Cedocs.expectConsistent(out, "render >/dev/full")
        }

        @Test("serve with its log on a full device or a closed pipe answers and stops cleanly")
        func serviceLogCannotBeWritten() throws {
            let folder = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let token = "unit-token-fault-tests"
            let hash = try shell("printf '%s' \"$1\" | \"$0\" serve hash-token", [token])
            let config = folder.appendingPathComponent("service.yaml")
            try """
                request_log: stamp-requests.sqlite
                tokens:
                  - { name: 人事处, unit: 徐州市第一人民医院, sha256: \(hash.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }

                """.write(to: config, atomically: true, encoding: .utf8)
            for target in ["/dev/full", "closed pipe"] {
                let port = try Command.run("/usr/bin/python3", ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"])
                    .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let server = Process()
                server.executableURL = Repository.executable
                server.arguments = ["serve", "--config", config.path, "--port", port]
                server.environment = Cedocs.environment
                server.standardOutput = FileHandle.nullDevice
                let pipe = Pipe()
                if target == "/dev/full" {
                    server.standardError = try #require(FileHandle(forWritingAtPath: "/dev/full"))
                } else {
                    server.standardError = pipe
                }
                try server.run()
                if target != "/dev/full" { try pipe.fileHandleForReading.close() }
                // curl waits for the port to open (the service's own line about it goes nowhere).
                let answer = try Command.run("/usr/bin/curl", [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "--retry", "60", "--retry-connrefused", "--retry-delay", "1",
                    "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                    "--data-binary", "@\(Repository.example.path)", "http://127.0.0.1:\(port)/v1/check",
                ])
                #expect(answer.stdout == "200", "\(target): \(answer.stdout) \(answer.stderr)")
                #expect(server.isRunning, "\(target): the service died")
                server.terminate()
                server.waitUntilExit()
                #expect(server.terminationReason == .exit && server.terminationStatus == 0,
                        "\(target): ended by \(server.terminationReason == .exit ? "exit" : "signal") \(server.terminationStatus)")
            }
        }
    }
}
