import Crypto
import Foundation

/// A result's canonical content with the agency's Ed25519 signature over its bytes.
public struct SignedResult: Sendable, Equatable {
    public let content: ResultContent
    /// 64 bytes.
    public let signature: [UInt8]

    public init(content: ResultContent, signature: [UInt8]) {
        self.content = content
        self.signature = signature
    }

    /// 校验码, e.g. `7KQ2-M9XD`: the first 40 bits of the signature's SHA-256 in Crockford base32 (no
    /// I, L, O, U: nothing to misread). Printed under the QR code so that a person checking a serial by
    /// hand can tell the paper in hand from one with a made-up serial.
    public var checkCode: String {
        let bytes = Array(SHA256.hash(data: signature).prefix(5))
        let bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let characters = (0..<8).map { alphabet[Int(bits >> UInt64(35 - 5 * $0) & 31)] }
        return String(characters[0..<4]) + "-" + String(characters[4...])
    }

    /// Whether a check code typed by hand is this result's: case, dashes, blanks and the letters
    /// people confuse with digits (O for 0, I and L for 1) do not matter.
    public func matches(checkCode typed: String) -> Bool {
        func normalised(_ code: String) -> String {
            String(code.uppercased().compactMap { c -> Character? in
                switch c {
                case "-", " ": return nil
                case "O": return "0"
                case "I", "L": return "1"
                default: return c
                }
            })
        }
        return normalised(typed) == normalised(checkCode)
    }

    /// What the QR code encodes: `<base>/<serial>?sig=<signature, base64url>`.
    public func verificationURL(base: String) -> String {
        VerificationLink(serial: content.serial!, signature: signature).url(base: base)
    }
}

/// A verification URL taken apart: the serial and the signature it carries.
public struct VerificationLink: Sendable, Equatable {
    public let serial: Serial
    public let signature: [UInt8]

    public init(serial: Serial, signature: [UInt8]) {
        self.serial = serial
        self.signature = signature
    }

    public func url(base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)/\(serial)?sig=\(Base64URL.encode(signature))"
    }

    /// Nil unless `url` is an http(s) URL whose last path component is a serial and whose `sig`
    /// parameter is a base64url signature, as `url(base:)` makes them.
    public init?(url text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http",
              let last = components.path.split(separator: "/").last, let serial = Serial(String(last)),
              let sig = components.queryItems?.first(where: { $0.name == "sig" })?.value,
              let signature = Base64URL.decode(sig), signature.count == 64
        else { return nil }
        self.init(serial: serial, signature: signature)
    }
}

/// RFC 4648 §5 base64 without padding: safe in a URL as it is, and fewer QR modules.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
