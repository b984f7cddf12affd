import Foundation
import Hummingbird
import Pipeline
import Registry
import Stamping

/// `GET /v1/verify/{serial}[?sig=…]`: public, where a result's QR code lands (an agency whose
/// verify_base is `https://<host>/v1/verify` prints exactly this URL). Whether the result is genuine,
/// with the person's name and ID number masked: JSON, or a small page in Chinese for a browser
/// (`Accept: text/html`). The signature in the URL, when present, must be the agency's over the
/// registered result.
struct VerifyRoute {
    let core: ServiceCore

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/v1/verify/:serial") { request, context in
            let html = request.headers[.accept]?.contains("text/html") == true
            do {
                let verdict = try await verify(request, serial: context.parameters.get("serial") ?? "")
                return html ? VerifyPage.response(verdict) : Self.json(verdict)
            } catch let error as ServiceError where html {
                return VerifyPage.response(error)
            }
        }
    }

    private func verify(_ request: Request, serial text: String) async throws -> VerifyResult {
        guard let serial = Serial(text) else {
            throw ServiceError(status: .badRequest, code: "bad_serial",
                               message: "“\(text)”不是审验编号：编号形如 XZPX-2016-000123。")
        }
        // An agency not served here and a serial never issued read the same: nothing is issued under it.
        let unknown = ServiceError(status: .notFound, code: "unknown_serial",
                                   message: "查无此编号：\(serial) 从未出具，可能是伪造的。")
        guard let agency = core.gatekeeper.agencies[serial.agency] else { throw unknown }
        let verifier = Verifier(registry: agency.registry, publicKey: agency.publicKey, agency: agency.profile.code)
        let link: VerificationLink?
        if let sig = request.uri.queryParameters.get("sig") {
            // The QR code's URL, parsed as `cedocs verify` parses it: the serial from the path, the signature.
            guard let parsed = VerificationLink(url: "https://cedocs.invalid/\(serial)?sig=\(sig)") else {
                throw ServiceError(status: .badRequest, code: "bad_signature",
                                   message: "查询网址中的签名（sig）格式不对：请重新扫描二维码。")
            }
            link = parsed
        } else {
            link = nil
        }
        let outcome = try await core.pool.compute {
            do {
                if let link { return try verifier.verify(link) }
                return try verifier.verify(serial)
            } catch {
                throw ServiceError.internalError("审验登记库暂时无法读取，请稍后重试。")
            }
        }
        switch outcome {
        case .genuine(let issued, _): return VerifyResult(issued, status: "genuine", message: "真实有效")
        case .superseded(let issued):
            return VerifyResult(issued, status: "superseded",
                                message: "已作废：已由 \(issued.supersededBy!) 取代，以新结果为准")
        case .altered(let issued): return VerifyResult(issued, status: "altered", message: "文件内容与出具时不一致")
        case .forged(let serial, let reason): return VerifyResult(serial: serial, status: "forged", message: "无效：\(reason)")
        case .unknown: throw unknown
        }
    }

    private static func json(_ result: VerifyResult) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(result)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The answer of a verification: the masked facts of the result, as anyone may see them.
struct VerifyResult: Encodable, Sendable {
    /// genuine, superseded, altered or forged.
    var status: String
    var message: String
    var serial: String
    var supersededBy: String?
    /// The result's facts (`agency_name`, `year`, `person_name`, `person_id`, `unit`, `hours_total`,
    /// `verdict`, `date`, …), the person's name and ID number masked, file digests left out.
    var result: [String: String]?
    var checkCode: String?
    var issuedAt: String?

    enum CodingKeys: String, CodingKey {
        case status, message, serial, result
        case supersededBy = "superseded_by", checkCode = "check_code", issuedAt = "issued_at"
    }

    init(_ issued: IssuedResult, status: String, message: String) {
        self.status = status
        self.message = message
        serial = issued.serial.description
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
        checkCode = issued.signed.checkCode
        issuedAt = issued.issuedAt
    }

    init(serial: Serial, status: String, message: String) {
        self.status = status
        self.message = message
        self.serial = serial.description
    }
}
