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

    /// Starts `cedocs serve` on a free loopback port with the harness's tokens and `limits`; returns
    /// once it listens.
    static func start(limits: ServiceConfiguration.Limits = .init(), name: String = #function) async throws -> ServeProcess {
        let configuration = try Harness.writeConfiguration(limits: limits, name: name)
        let log = configuration.deletingLastPathComponent().appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let server = ServeProcess()
        server.process.executableURL = Repository.executable
        server.process.arguments = ["serve", "--config", configuration.path, "--host", "127.0.0.1", "--port", "0"]
        server.process.environment = ["CEDOCS_HOME": Repository.root.path, "PATH": "/usr/bin:/bin"]
        // A file, not a pipe: nobody has to drain it while the test runs.
        let output = try FileHandle(forWritingTo: log)
        server.process.standardOutput = output
        server.process.standardError = output
        try server.process.run()
        let deadline = Date().addingTimeInterval(120)
        while server.process.isRunning, Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                server.port = port
                return server
            }
            // Not usleep: the in-process servers of other tests share the cooperative threads.
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        server.stop()
        throw ServeFailure(description: "cedocs serve did not start: \(text)")
    }

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
    func request(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Data? = nil)
        async throws -> TestClient.Response {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        var headers: HTTPFields = [:]
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
