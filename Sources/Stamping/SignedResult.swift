import Bytes
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

    /// 校验码, e.g. `7KQ2-M9XD` (`CheckCode`): printed under the QR code so that a person checking a
    /// serial by hand can tell the paper in hand from one with a made-up serial.
    public var checkCode: String { CheckCode.of(signature: signature) }

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
