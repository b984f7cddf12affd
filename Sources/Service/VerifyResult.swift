import Registry
import Stamping

/// The answer of a verification (`/v1/verify`), at the level the request earned.
struct VerifyResult: Encodable, Sendable {
    /// What showed that the asker holds the document.
    enum Proof: String, Encodable, Sendable {
        /// Nothing, or a check code that is not this result's: only the serial's state is answered.
        case none
        /// The QR code's signature.
        case signature
        /// The check code typed from the paper.
        case checkCode = "check_code"
    }

    var proof: Proof
    /// With proof: genuine, superseded or forged. Without: valid (issued and current), superseded or
    /// forged. (altered is for files, which the service is not given.)
    var status: String
    var message: String
    var serial: String
    var supersededBy: String?
    /// The result's facts (`agency_name`, `year`, `person_name`, `person_id`, `unit`, `hours_total`,
    /// `verdict`, `date`, …), the person's name and ID number masked, file digests left out; only
    /// with proof.
    var result: [String: String]?
    var issuedAt: String?

    enum CodingKeys: String, CodingKey {
        case proof, status, message, serial, result
        case supersededBy = "superseded_by", issuedAt = "issued_at"
    }

    /// The masked result of a genuine or superseded `outcome`, for one who showed they hold it.
    init(_ outcome: Verifier.Outcome, _ issued: IssuedResult, proof: Proof) {
        self.proof = proof
        serial = issued.serial.description
        status = issued.supersededBy == nil ? "genuine" : "superseded"
        message = outcome.message
        supersededBy = issued.supersededBy?.description
        var facts: [String: String] = [:]
        for (key, value) in issued.signed.content.entries where !key.hasSuffix("_sha256") {
            switch key {
            case "person_name": facts[key] = Masking.name(value)
            case "person_id": facts[key] = Masking.idNumber(value)
            default: facts[key] = value
            }
        }
        result = facts
        issuedAt = issued.issuedAt
    }

    /// Only whether the serial's result is current, for anyone.
    init(withheld issued: IssuedResult) {
        proof = .none
        serial = issued.serial.description
        if issued.supersededBy == nil {
            status = "valid"
            message = "编号 \(serial) 确已出具，结果现行有效。未核对所持文件，不显示结果内容：请输入文件上的校验码，或扫描文件上的二维码查看。"
        } else {
            status = "superseded"
            message = "编号 \(serial) 的结果已作废，已由新的审验结果取代。"
        }
    }

    /// A result that is not genuine: no facts at any level.
    init(serial: Serial, status: String, message: String) {
        proof = .none
        self.status = status
        self.message = message
        self.serial = serial.description
    }
}
