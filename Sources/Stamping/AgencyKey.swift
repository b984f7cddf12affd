import Bytes
import Crypto
import Foundation

/// An agency's Ed25519 signing key (签名私钥), kept in its profile folder as `signing.key` (PKCS #8
/// PEM, as `openssl pkey` reads it). Whoever holds it can issue results in the agency's name: the file
/// is created readable by its owner only, never printed, and refused when others can read it.
public struct AgencyKey: @unchecked Sendable {
    // @unchecked: swift-crypto's key is an immutable value that it does not mark Sendable.
    private let key: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() { key = Curve25519.Signing.PrivateKey() }

    public var publicKey: AgencyPublicKey { AgencyPublicKey(key.publicKey) }

    /// Signs the canonical content of a result.
    public func sign(_ content: ResultContent) throws(StampingError) -> SignedResult {
        do {
            return SignedResult(content: content, signature: Array(try key.signature(for: content.bytes)))
        } catch {
            throw StampingError("签名失败：\(error)")
        }
    }

    /// Writes the key to `url`, which must not exist yet, created with mode 0600 in the same call
    /// (no moment when another user could open it).
    public func write(to url: URL) throws(StampingError) {
        let pem = PEM.encode(label: "PRIVATE KEY", der: Self.pkcs8Prefix + Array(key.rawRepresentation))
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StampingError("无法创建私钥文件 \(url.path)：\(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(pem.utf8)
        guard bytes.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            unlink(url.path)
            throw StampingError("无法写入私钥文件 \(url.path)：\(String(cString: strerror(errno)))")
        }
    }

    /// Reads the key at `url`; refuses a missing file, one that others may read, or one that is not
    /// an Ed25519 key.
    public init(contentsOf url: URL) throws(StampingError) {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw StampingError("找不到审验机构的签名私钥 \(url.path)：没有私钥不能盖章。"
                                + "私钥只在 cedocs agency init 建立机构配置时生成，请找回原文件。")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw StampingError("签名私钥 \(url.path) 的权限为 \(String(mode, radix: 8))，其他用户也能读取；"
                                + "请先执行 chmod 600 \(url.path)，并确认私钥未被他人复制。")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let der = PEM.decode(label: "PRIVATE KEY", text: text),
              der.count == Self.pkcs8Prefix.count + 32, Array(der.prefix(Self.pkcs8Prefix.count)) == Self.pkcs8Prefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
        else {
            throw StampingError("签名私钥 \(url.path) 已损坏或不是 Ed25519 私钥")
        }
        self.key = key
    }

    /// DER of a PKCS #8 Ed25519 private key up to the 32 key bytes (RFC 8410).
    static let pkcs8Prefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70,
                                       0x04, 0x22, 0x04, 0x20]
}

/// An agency's public key (公钥), which anyone may hold to check its signatures: `public.pem` in the
/// profile folder (SubjectPublicKeyInfo PEM, as `openssl pkey -pubin` reads it).
public struct AgencyPublicKey: @unchecked Sendable, Equatable {
    // @unchecked: as for AgencyKey.
    private let key: Curve25519.Signing.PublicKey

    init(_ key: Curve25519.Signing.PublicKey) { self.key = key }

    public init(contentsOf url: URL) throws(StampingError) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw StampingError("找不到审验机构的公钥 \(url.path)")
        }
        guard let der = PEM.decode(label: "PUBLIC KEY", text: text),
              der.count == Self.spkiPrefix.count + 32, Array(der.prefix(Self.spkiPrefix.count)) == Self.spkiPrefix,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        else {
            throw StampingError("公钥文件 \(url.path) 已损坏或不是 Ed25519 公钥")
        }
        self.key = key
    }

    public var pem: String { PEM.encode(label: "PUBLIC KEY", der: Self.spkiPrefix + Array(key.rawRepresentation)) }

    /// The first 16 hex digits of the key's SHA-256, in groups of four: what a verifier compares when
    /// it receives the key by another way.
    public var fingerprint: String {
        let hex = Hex.lower(SHA256.hash(data: key.rawRepresentation).prefix(8))
        return stride(from: 0, to: hex.count, by: 4).map { i in
            String(hex.dropFirst(i).prefix(4))
        }.joined(separator: ":")
    }

    public func isValid(_ signature: [UInt8], for content: ResultContent) -> Bool {
        key.isValidSignature(signature, for: content.bytes)
    }

    public static func == (a: AgencyPublicKey, b: AgencyPublicKey) -> Bool {
        a.key.rawRepresentation == b.key.rawRepresentation
    }

    /// DER of an Ed25519 SubjectPublicKeyInfo up to the 32 key bytes (RFC 8410).
    static let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
}

/// RFC 7468 text encoding of a DER structure.
enum PEM {
    static func encode(label: String, der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }

    static func decode(label: String, text: String) -> [UInt8]? {
        guard let begin = text.range(of: "-----BEGIN \(label)-----\n"),
              let end = text.range(of: "-----END \(label)-----", range: begin.upperBound..<text.endIndex) else { return nil }
        let body = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map(Array.init)
    }
}
