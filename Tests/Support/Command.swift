import Foundation

/// Runs a program and collects what it printed.
public struct CommandResult: Sendable {
    /// The exit status, or the signal's number when `signaled`.
    public var status: Int32
    /// Killed by a signal (a trap, an abort) rather than exiting.
    public var signaled: Bool
    public var stdout: String
    public var stderr: String
}

public enum Command {
    /// What the built `cedocs` runs with in the tests: the checkout's fonts and templates, a plain PATH.
    public static let cedocsEnvironment = ["CEDOCS_HOME": Repository.root.path, "PATH": "/usr/bin:/bin"]

    /// Runs the built `cedocs` (Repository.executable) with `cedocsEnvironment`.
    @discardableResult
    public static func cedocs(_ arguments: [String], currentDirectory: URL? = nil) throws -> CommandResult {
        try run(Repository.executable.path, arguments, environment: cedocsEnvironment, currentDirectory: currentDirectory)
    }

    @discardableResult
    public static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: URL? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = program.hasPrefix("/") ? URL(fileURLWithPath: program)
            : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a chatty program cannot block on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return CommandResult(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
