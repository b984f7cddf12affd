import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Service
import TestSupport

/// The real `cedocs serve` as a child process: a trap in a request kills it where the test sees it,
/// and its memory is its own (`/proc/<pid>/status`).
final class ServeProcess: @unchecked Sendable {
    // @unchecked: set once in `start`; the Process is only asked about its state afterwards.
    private let process = Process()
    private(set) var port = 0
    /// The configuration file it serves with (config/service.yaml), and where its output goes.
    private(set) var configuration = URL(fileURLWithPath: "/")
    private(set) var log = URL(fileURLWithPath: "/")

    /// Starts `cedocs serve` on a free loopback port with the harness's tokens and `limits` (agency XZPX's
    /// profile under `agencyConfig`, as Harness puts it); returns once it listens.
    static func start(limits: ServiceConfiguration.Limits = .init(), agencyConfig: URL? = nil,
                      name: String = #function) async throws -> ServeProcess {
        let server = ServeProcess()
        server.configuration = try Harness.writeConfiguration(limits: limits, agencyConfig: agencyConfig, name: name)
        server.log = server.configuration.deletingLastPathComponent().appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: server.log.path, contents: nil)
        server.process.executableURL = Repository.executable
        server.process.arguments = ["serve", "--config", server.configuration.path, "--host", "127.0.0.1", "--port", "0"]
        server.process.environment = Command.cedocsEnvironment
        // A file, not a pipe: nobody has to drain it while the test runs.
        let output = try FileHandle(forWritingTo: server.log)
        server.process.standardOutput = output
        server.process.standardError = output
        try server.process.run()
        do {
            // The start is a line of the service's JSON log like every other.
            let line = try await server.line { $0.contains("\"message\":\"cedocs serve: listening on 127.0.0.1:") }
            let fields = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            server.port = (fields?["port"] as? NSNumber)?.intValue ?? 0
            return server
        } catch {
            server.stop()
            throw ServeFailure(description: "cedocs serve did not start: \(server.output)")
        }
    }

    /// Everything the process wrote so far.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The first line of its output, from the `after`-th on, that `matches`, once it is written; an error if
    /// the process ends first. The limit only keeps a broken server from hanging the test.
    func line(after: Int = 0, _ matches: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let line = output.split(separator: "\n").dropFirst(after).first(where: { matches(String($0)) }) {
                return String(line)
            }
            // Not usleep: the in-process servers of other tests share the cooperative threads.
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServeFailure(description: "cedocs serve (\(ending)) never wrote the line awaited: \(output)")
    }

    /// How many lines it has written so far.
    var lineCount: Int { output.split(separator: "\n").count }

    /// SIGHUP, as `systemctl reload cedocs` sends it.
    func hangUp() { kill(process.processIdentifier, SIGHUP) }

    var isRunning: Bool { process.isRunning }

    /// How the process ended, for a message: a signal is what a trap looks like.
    var ending: String {
        process.isRunning ? "running"
            : "\(process.terminationReason == .uncaughtSignal ? "signal" : "exit") \(process.terminationStatus)"
    }

    /// A field of `/proc/<pid>/status` in kB (VmRSS: now; VmHWM: the peak since start or `resetPeak`).
    func memory(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// Sets VmHWM back to the present VmRSS (Linux `clear_refs` 5), so that the next peak is the request's.
    func resetPeak() throws {
        try "5".write(toFile: "/proc/\(process.processIdentifier)/clear_refs", atomically: false, encoding: .utf8)
    }

    /// One request on a connection of its own.
    func request(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Data? = nil,
                 headers extra: HTTPFields = [:]) async throws -> TestClient.Response {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(.init(uri, method: method, headers: headers, body: json.map { ByteBuffer(bytes: $0) }))
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

struct ServeFailure: Error, CustomStringConvertible {
    var description: String
}

extension TestClient.Response {
    var data: Data { body.map { Data($0.readableBytesView) } ?? Data() }
}
