import Foundation
import Hummingbird
import NIOCore

/// Who a request comes from, for the rate limits: the connection's peer. Behind a reverse proxy every
/// request comes from the proxy, so a proxy named in the configuration (`trusted_proxies`) may say
/// whom it forwards: the last address of its `X-Forwarded-For` (the one it added itself; those
/// before it are the client's word). From any other peer the header is ignored: trusting it by
/// default would let anyone choose their own address and escape the limit.
///
/// An IPv6 client is counted by its /64 network, which one subscriber usually gets whole; an
/// IPv4-mapped IPv6 address is the IPv4 address.
struct ClientAddress {
    let trustedProxies: Set<String>

    init(trustedProxies: [String]) {
        self.trustedProxies = Set(trustedProxies.compactMap { Self.key(of: $0) })
    }

    func of(_ request: Request, peer: SocketAddress?) -> String {
        guard let peer = peer.flatMap(Self.key(of:)) else { return "unknown" }
        guard trustedProxies.contains(peer),
              let forwarded = request.headers.last(where: { $0.name.canonicalName == "x-forwarded-for" })?.value
                  .split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              let client = Self.key(of: forwarded) else { return peer }
        return client
    }

    /// The limiter's key of an address given as text (nil when it is not an IP address).
    static func key(of text: String) -> String? {
        (try? SocketAddress(ipAddress: text, port: 0)).flatMap(key(of:))
    }

    static func key(of address: SocketAddress) -> String? {
        switch address {
        case .v4: return address.ipAddress
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return bytes[12...].map(String.init).joined(separator: ".")
            }
            return stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":") + "::/64"
        case .unixDomainSocket: return "local"
        }
    }
}
