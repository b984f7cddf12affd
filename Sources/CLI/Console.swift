import Archiving
import Bytes
import Foundation

/// A command's standard output and standard error (控制台). A write that fails ends the command
/// cleanly (Foundation's `FileHandle.write` traps instead): when the reader went away (EPIPE, as in
/// `cedocs check … | head`) quietly, as Unix tools do; otherwise (a full disk, `/dev/full`) with a
/// message on standard error while it still takes one. Either way the exit status is
/// `failureStatus`: the command's output did not all arrive, so its result cannot count as clean.
/// SIGPIPE is ignored (`CEDocs.main`), so a closed pipe comes back here as EPIPE.
enum Console {
    enum Stream {
        case standardOutput, standardError

        var fd: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
        var name: String { self == .standardOutput ? "标准输出" : "标准错误输出" }
    }

    /// The exit status after output failed: 2, the run as a whole unusable.
    static let failureStatus: Int32 = 2

    static func out(_ line: String) { write(line, to: .standardOutput) }
    static func error(_ line: String) { write(line, to: .standardError) }

    static func write(_ line: String, to stream: Stream, newline: Bool = true) {
        if let code = put(newline ? line + "\n" : line, to: stream.fd) { fail(stream, code) }
    }

    /// A line the process's life does not depend on (the service's own messages): dropped when it
    /// cannot be written.
    static func note(_ line: String) {
        _ = put(line + "\n", to: STDERR_FILENO)
    }

    /// Writes all of `text`; the `errno` of a failed write, nil when all was written.
    private static func put(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { FileWrite.all(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Held by the thread that ends the process, so that no other thread exits at the same time.
    private static let ending = NSLock()

    private static func fail(_ stream: Stream, _ code: Int32) -> Never {
        ending.lock()
        if code != EPIPE {
            _ = put("cedocs：无法写入\(stream.name)：\(AtomicFile.WriteError.reason(errno: code))，命令已停止\n",
                    to: STDERR_FILENO)
        }
        exit(failureStatus)
    }
}
