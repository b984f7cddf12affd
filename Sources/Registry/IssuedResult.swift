import Stamping

/// A result as the registry holds it: what was signed, when it was issued, the files issued under
/// its serial, and the newer result that replaced it, if any.
public struct IssuedResult: Sendable, Equatable {
    public let signed: SignedResult
    /// ISO 8601, UTC. The only clock time cedocs keeps: never in a PDF, so re-stamping gives the same bytes.
    public let issuedAt: String
    /// Set when the person's (or unit's) result was issued again with different content.
    public let supersededBy: Serial?
    public let documents: [IssuedDocument]

    public var serial: Serial { signed.content.serial! }

    /// A result read back from a store's row; refused when its content no longer reads.
    init(serial: Serial, content: String, signature: [UInt8], issuedAt: String, supersededBy: String?,
         documents: [IssuedDocument]) throws(RegistryError) {
        guard let content = ResultContent(text: content) else {
            throw RegistryError("登记记录 \(serial) 的内容已损坏（登记库可能被改动过）")
        }
        self.signed = SignedResult(content: content, signature: signature)
        self.issuedAt = issuedAt
        self.supersededBy = supersededBy.flatMap(Serial.init)
        self.documents = documents
    }
}

/// One PDF issued under a serial: registration, certificate, result or annual-audit.
public struct IssuedDocument: Sendable, Equatable {
    /// `DocumentKind`'s raw value.
    public let kind: String
    /// Lower-case hex.
    public let sha256: String

    public init(kind: String, sha256: String) {
        self.kind = kind
        self.sha256 = sha256
    }
}
