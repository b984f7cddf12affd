import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to the server driven byte by byte, for what an HTTP client library does not do:
/// headers with no body after them, a body trickled, a connection left idle.
final class RawConnection: @unchecked Sendable {
    // @unchecked: one test drives a connection, one call at a time.
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServeFailure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw ServeFailure(description: "connect to port \(port): errno \(errno)")
        }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw ServeFailure(description: "send: errno \(errno)") }
    }

    /// The request line and headers of a POST of `length` bytes of JSON, nothing of the body.
    func sendHead(_ uri: String, token: String, length: Int, keepAlive: Bool = true) throws {
        try send("POST \(uri) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                 + "Content-Type: application/json\r\nContent-Length: \(length)\r\n\r\n")
    }

    /// What the server sends within `seconds`: returns once something has come (or, with `untilClosed`,
    /// once the server closes the connection), or when the time is up. Waits on the socket, on a thread
    /// of its own: the server under test may run on the same cooperative threads as the test.
    func read(within seconds: Double, untilClosed: Bool = false) async -> (bytes: Data, closed: Bool) {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readBlocking(within: seconds, untilClosed: untilClosed)) }.start()
        }
    }

    private func readBlocking(within seconds: Double, untilClosed: Bool) -> (bytes: Data, closed: Bool) {
        var received = Data()
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0, untilClosed || received.isEmpty else { return (received, false) }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return (received, true) }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// The server's answer on this connection so far: the status code of its first response, if any.
    static func status(of bytes: Data) -> Int? {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}
