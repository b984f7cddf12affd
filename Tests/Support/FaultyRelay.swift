import Foundation
import Glibc

/// A relay on 127.0.0.1 in front of the test's PostgreSQL server that fails once, on cue, the way
/// networks and servers do: the first client message holding a given text (a statement's SQL travels
/// in clear in its Parse message) sets off the fault; every connection after that is relayed as usual.
public final class FaultyRelay: @unchecked Sendable {
    public enum Fault: Sendable {
        /// The message is swallowed and nothing more passes either way, no connection closed: a server
        /// gone silent (a frozen machine, a cut cable). A client closing its side still closes the server's.
        case silence(after: String)
        /// The message is passed on and the server's answer swallowed; a moment later both connections
        /// close: the statement took effect, and the client never learned it.
        case cutAnswerTo(String)
        /// Both connections close before the message is passed on: the statement never reached the server.
        case cutBefore(String)

        var text: String {
            switch self { case .silence(let text), .cutAnswerTo(let text), .cutBefore(let text): text }
        }
    }

    public let port: Int
    private let target: Int
    private let listener: Int32
    private let lock = NSLock()
    private var pending: Fault?
    /// Signalled once the fault has gone off.
    public let struck = DispatchSemaphore(value: 0)

    /// Relays to the server of `url` (postgresql://…@127.0.0.1:PORT/…).
    public init(to url: String, fault: Fault) throws {
        guard let target = URLComponents(string: url)?.port else { throw TestPostgres.Failed(description: "no port in \(url)") }
        self.target = target
        pending = fault
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw TestPostgres.Failed(description: "relay: bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in accepting() }.start()
    }

    /// `url` with the relay's port in place of the server's.
    public func url(_ url: String) -> String {
        var parts = URLComponents(string: url)!
        parts.port = port
        return parts.string!
    }

    /// Stops accepting; connections being relayed go on until either side closes.
    public func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    deinit { close(listener) }

    private func accepting() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: target)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(client); close(server); continue }
            let link = Link(client: client, server: server)
            Thread { [self] in pump(link, upstream: true) }.start()
            Thread { [self] in pump(link, upstream: false) }.start()
        }
    }

    /// One client's connection and the server connection relaying it.
    private final class Link: @unchecked Sendable {
        let client: Int32
        let server: Int32
        private let lock = NSLock()
        private var quiet = false
        private var ends = 0
        init(client: Int32, server: Int32) { self.client = client; self.server = server }
        var silenced: Bool {
            get { lock.withLock { quiet } }
            set { lock.withLock { quiet = newValue } }
        }
        func cut() {
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
        }
        /// Each pump calls this once as it ends; the second closes both sockets.
        func ended() {
            guard lock.withLock({ ends += 1; return ends == 2 }) else { return }
            close(client)
            close(server)
        }
    }

    private func pump(_ link: Link, upstream: Bool) {
        let (from, to) = upstream ? (link.client, link.server) : (link.server, link.client)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(from, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            let chunk = Array(buffer[..<count])
            if upstream, let fault = strike(chunk) {
                link.silenced = true
                if case .cutAnswerTo = fault {
                    _ = send(to, chunk, count, Int32(MSG_NOSIGNAL))
                    Thread.sleep(forTimeInterval: 0.5)
                }
                if case .silence = fault {} else { link.cut() }
                struck.signal()
                continue
            }
            if link.silenced { continue }
            guard send(to, chunk, count, Int32(MSG_NOSIGNAL)) == count else { break }
        }
        // One side closed: so does the other, as a kernel would for a process that died.
        shutdown(to, Int32(SHUT_RDWR))
        link.ended()
    }

    /// The pending fault, taken, when `chunk` holds its text.
    private func strike(_ chunk: [UInt8]) -> Fault? {
        lock.withLock {
            guard let fault = pending else { return nil }
            let text = Array(fault.text.utf8)
            guard text.isEmpty || chunk.count >= text.count && (0...chunk.count - text.count).contains(where: {
                chunk[$0..<$0 + text.count].elementsEqual(text)
            }) else { return nil }
            pending = nil
            return fault
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
