import Crypto
import Foundation

/// 校验码, e.g. `7KQ2-M9XD`: made from a result's signature, printed under its QR code, and typed back
/// by whoever holds the paper to prove it (the public verify answers the result only to them). It is
/// only ever compared, never handed out.
public enum CheckCode {
    /// Crockford base32: no I, L, O, U, nothing to misread.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The first 40 bits of the signature's SHA-256, as `XXXX-XXXX`.
    static func of(signature: [UInt8]) -> String {
        let bytes = Array(SHA256.hash(data: signature).prefix(5))
        let bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let characters = (0..<8).map { alphabet[Int(bits >> UInt64(35 - 5 * $0) & 31)] }
        return String(characters[0..<4]) + "-" + String(characters[4...])
    }

    /// A code as typed by hand, reduced to its 8 characters: full-width forms (ＡＢ１２, －, the
    /// ideographic space) read as their ASCII ones, case, spaces and dashes do not count, and the
    /// letters people take for digits (O, I, L) are those digits, as Crockford reads them.
    public static func normalised(_ typed: String) -> [UInt8] {
        let dashes: Set<Character> = ["-", "‐", "‑", "‒", "–", "—", "―", "－", "ー", "_"]
        var bytes: [UInt8] = []
        for character in typed.precomposedStringWithCompatibilityMapping.uppercased()
            where !character.isWhitespace && !dashes.contains(character) {
            switch character {
            case "O": bytes.append(UInt8(ascii: "0"))
            case "I", "L": bytes.append(UInt8(ascii: "1"))
            default: bytes.append(contentsOf: Array(character.utf8))
            }
        }
        return bytes
    }

    /// Whether `typed` is `code`, compared in constant time: every byte of the expected code is
    /// looked at whatever the typed one holds, so the time taken tells nothing of how much was right.
    public static func matches(_ typed: String, _ code: String) -> Bool {
        let expected = normalised(code)
        // A typed code far too long is wrong; not normalising it bounds the work a request can ask for.
        guard typed.utf8.count <= 64 else { return false }
        let given = normalised(typed)
        // The length is no secret (always 8); the characters are compared without an early exit.
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

extension SignedResult {
    /// Whether `typed` is this result's check code (see `CheckCode.matches`).
    public func checkCodeMatches(_ typed: String) -> Bool {
        CheckCode.matches(typed, checkCode)
    }
}
