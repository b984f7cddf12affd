import Foundation
import Hummingbird
import Logging
import Pipeline
import Registry
import Stamping

/// `GET /v1/verify/{serial}[?sig=…|?code=…]`: public, where a result's QR code lands (an agency whose
/// verify_base is `https://<host>/v1/verify` prints exactly this URL). JSON, or the verify page in Chinese
/// for a browser (`Accept: text/html`), which is also `GET /verify[?serial=…&code=…]`, at two levels (个人信息保护: serials are sequential, so anyone
/// could walk them):
///
/// - without proof of holding the document, only whether the serial was issued and whether its result
///   is still current: no person, unit, hours, verdict or date;
/// - with the QR code's signature (`sig`, the agency's over the registered result) or the check code
///   typed from the paper (`code`, compared in constant time), the result with the person masked.
///
/// A wrong check code gets exactly the answer of none: nothing tells a guesser how close it was. The
/// check code itself is never answered. Every request counts against its client's rate limit first.
struct VerifyRoute {
    let core: ServiceCore
    let limiter: RateLimiter
    let clients: ClientAddress
    let page: VerifyPage

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/v1/verify/:serial") { request, context in
            let html = request.headers[.accept]?.contains("text/html") == true
            return try await answer(request, context, serial: context.parameters.get("serial") ?? "", html: html)
        }
        router.get("/verify") { request, context in
            guard let serial = request.uri.queryParameters.get("serial")?.trimmingCharacters(in: .whitespaces),
                  !serial.isEmpty else { return page.form() }
            return try await answer(request, context, serial: serial.uppercased(), html: true)
        }
    }

    private func answer(_ request: Request, _ context: ServiceRequestContext, serial: String, html: Bool) async throws -> Response {
        do {
            let client = clients.of(request, peer: context.channel.remoteAddress)
            if case .refused(let seconds) = limiter.take(client) { throw ServiceError.rateLimited(retryAfter: seconds) }
            let result = try await verify(request, serial: serial, logger: context.logger)
            return html ? page.response(result) : Self.json(result)
        } catch let error as ServiceError where html {
            return page.response(error, serial: serial)
        }
    }

    private func verify(_ request: Request, serial text: String, logger: Logger) async throws -> VerifyResult {
        guard let serial = Serial(text) else {
            throw ServiceError(status: .badRequest, code: "bad_serial",
                               message: "“\(text)”不是审验编号：编号形如 XZPX-2016-000123。")
        }
        // An agency not served here and a serial never issued read the same: nothing is issued under it.
        let unknown = ServiceError(status: .notFound, code: "unknown_serial",
                                   message: Verifier.Outcome.neverIssued(serial).message)
        guard let agency = core.gatekeeper.agencies[serial.agency] else { throw unknown }
        let verifier = Verifier(registry: agency.registry, publicKey: agency.publicKey, agency: agency.profile.code)
        let query = request.uri.queryParameters
        let link: VerificationLink?
        if let sig = query.get("sig") {
            // The QR code's URL, parsed as `cedocs verify` parses it: the serial from the path, the signature.
            guard let parsed = VerificationLink(url: "https://cedocs.invalid/\(serial)?sig=\(sig)") else {
                throw ServiceError(status: .badRequest, code: "bad_signature",
                                   message: "查询网址中的签名（sig）格式不对：请重新扫描二维码。")
            }
            link = parsed
        } else {
            link = nil
        }
        let code = query.get("code").flatMap { $0.isEmpty ? nil : $0 }
        let outcome = try await core.pool.compute {
            do {
                if let link { return try verifier.verify(link) }
                return try verifier.verify(serial)
            } catch {
                throw ServiceError.registryFailure(error, logger: logger)
            }
        }
        switch outcome {
        case .genuine(let issued, _), .superseded(let issued):
            // verify(link) answers these only when the signature is the agency's over this result.
            if link != nil { return VerifyResult(outcome, issued, proof: .signature) }
            if let code, issued.signed.checkCodeMatches(code) { return VerifyResult(outcome, issued, proof: .checkCode) }
            return VerifyResult(withheld: issued)
        case .altered(let issued):
            return VerifyResult(serial: issued.serial, status: "altered", message: outcome.message)
        case .forged(let serial, _):
            return VerifyResult(serial: serial, status: "forged", message: outcome.message)
        case .unknown:
            throw unknown
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

extension ServiceError {
    /// 429: this client has asked too often (RateLimiter).
    static func rateLimited(retryAfter seconds: Int) -> ServiceError {
        ServiceError(status: .tooManyRequests, code: "rate_limited",
                     message: "查询过于频繁，请 \(seconds) 秒后再试。", headers: [.retryAfter: String(seconds)])
    }
}
