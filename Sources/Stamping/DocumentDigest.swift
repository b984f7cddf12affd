import Bytes
import Crypto

/// SHA-256 of a document's bytes, lower-case hex: what results sign and the registry records.
public enum DocumentDigest {
    public static func sha256(_ bytes: [UInt8]) -> String { Hex.lower(SHA256.hash(data: bytes)) }
}
