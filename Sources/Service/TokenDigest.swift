import Bytes
import Crypto
import Foundation

/// Bearer tokens are kept only as SHA-256 digests, so the configuration file gives nothing away; a
/// presented token is hashed and compared with every digest in time that does not depend on where
/// the bytes differ.
public enum TokenDigest {
    public static func sha256(of token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }

    public static func hex(_ digest: [UInt8]) -> String {
        Hex.lower(digest)
    }

    /// 64 hex digits, either case.
    static func parse(_ text: String) -> [UInt8]? {
        Hex.bytes(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.count == 32 ? $0 : nil }
    }

    /// Equal digests, every byte looked at whatever the earlier ones were.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new random token (32 bytes, base64url): shown once, to whoever configures a client.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(bytes)
    }
}
