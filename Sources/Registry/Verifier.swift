import Stamping

/// `cedocs verify`: whether a serial, the URL of a QR code, or a PDF file is a genuine result of an
/// agency, from its public key and its registry. Nothing here needs the agency's private key.
public struct Verifier: Sendable {
    let registry: any Registry
    let publicKey: AgencyPublicKey
    /// The agency whose results this verifier knows.
    let agency: String

    public init(registry: any Registry, publicKey: AgencyPublicKey, agency: String) {
        self.registry = registry
        self.publicKey = publicKey
        self.agency = agency
    }

    public enum Outcome: Sendable {
        /// Issued and in force, its signature good; for a file, its bytes are those issued (`document`).
        case genuine(IssuedResult, document: IssuedDocument?)
        /// Issued, but since replaced by a result with other content.
        case superseded(IssuedResult)
        /// A file that names an issued serial, whose bytes are none of those issued under it.
        case altered(IssuedResult)
        /// A signature that does not match: the URL's, or the registry record's own.
        case forged(Serial, reason: String)
        /// Nothing of this agency's registry.
        case unknown(reason: String)

        /// A serial never issued here; also the answer for an agency not known here, which reads the same.
        public static func neverIssued(_ serial: Serial) -> Outcome {
            .unknown(reason: "查无此编号：\(serial) 从未出具，可能是伪造的")
        }

        /// The answer in one line, as `cedocs verify` prints it and /v1/verify and its page give it.
        public var message: String {
            switch self {
            case .genuine(let issued, let document):
                "真实有效：\(issued.serial)" + (document.map { "（\($0.kind).pdf 与出具时一致）" } ?? "")
            case .superseded(let issued):
                "已作废：\(issued.serial) 已由 \(issued.supersededBy!) 取代，以新结果为准"
            case .altered(let issued):
                "已被改动：文件标明的编号 \(issued.serial) 确已出具，但文件内容与出具时不一致，不能作为审验结果"
            case .forged(let serial, let reason):
                "无效：\(serial) \(reason)"
            case .unknown(let reason):
                "无效：\(reason)"
            }
        }
    }

    public func verify(_ serial: Serial) throws(RegistryError) -> Outcome {
        guard serial.agency == agency else {
            return .unknown(reason: "编号 \(serial) 不是本机构（\(agency)）出具的")
        }
        guard let issued = try registry.issued(serial) else { return .neverIssued(serial) }
        // The record itself must carry the agency's signature: a row added to the database by
        // someone without the key does not.
        guard publicKey.isValid(issued.signed.signature, for: issued.signed.content) else {
            return .forged(serial, reason: "登记记录的签名无效，登记库可能被改动过")
        }
        return issued.supersededBy == nil ? .genuine(issued, document: nil) : .superseded(issued)
    }

    public func verify(_ link: VerificationLink) throws(RegistryError) -> Outcome {
        let outcome = try verify(link.serial)
        switch outcome {
        case .genuine(let issued, _), .superseded(let issued):
            guard publicKey.isValid(link.signature, for: issued.signed.content) else {
                return .forged(link.serial, reason: "二维码中的签名与登记的结果不符，二维码是伪造的")
            }
            return outcome
        case .altered, .forged, .unknown:
            return outcome
        }
    }

    /// A PDF is genuine when its SHA-256 is that of a file issued under its serial (and, for the
    /// files a signature covers, the one signed).
    public func verify(pdf bytes: [UInt8]) throws(RegistryError) -> Outcome {
        let sha256 = DocumentDigest.sha256(bytes)
        if let (issued, document) = try registry.issued(documentSHA256: sha256) {
            let outcome = try verify(issued.serial)
            guard case .genuine = outcome else { return outcome }
            if let key = ResultContent.digestKeys[document.kind], issued.signed.content[key] != sha256 {
                return .forged(issued.serial, reason: "登记的文件摘要与签名的内容不符，登记库可能被改动过")
            }
            return .genuine(issued, document: document)
        }
        guard let serial = Serial.find(in: bytes).first(where: { $0.agency == agency }) else {
            return .unknown(reason: "文件中找不到本机构的审验编号：不是盖章出具的文件，或已被改得无法辨认")
        }
        let outcome = try verify(serial)
        switch outcome {
        case .genuine(let issued, _), .superseded(let issued):
            return .altered(issued)
        case .altered, .forged, .unknown:
            return outcome
        }
    }
}
