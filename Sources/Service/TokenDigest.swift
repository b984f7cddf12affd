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
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// 64 hex digits, either case.
    static func parse(_ text: String) -> [UInt8]? {
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        guard characters.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(characters[index...index + 1]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
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
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
