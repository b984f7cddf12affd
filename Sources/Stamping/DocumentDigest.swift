import Crypto
import Foundation

/// SHA-256 of a document's bytes, lower-case hex: what results sign and the registry records.
public enum DocumentDigest {
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Nil when the file cannot be read.
    public static func sha256(of file: URL) -> String? {
        (try? Data(contentsOf: file)).map { sha256(Array($0)) }
    }
}
