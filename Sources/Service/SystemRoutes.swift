import Foundation
import Hummingbird

/// `GET /healthz` (the process answers: liveness), `GET /readyz` (it can work: Readiness), `GET /metrics`
/// (Prometheus text; open, as /healthz: it holds counts, no names) and `GET /openapi.yaml` (this API, OpenAPI 3.1).
struct SystemRoutes {
    let core: ServiceCore

    /// The API description, shipped with the module.
    static let openAPI: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/readyz") { _, context in
            let problem = try await Readiness(core: core).problem(logger: context.logger)
            let answer = problem.map { ["status": "not_ready", "reason": $0] } ?? ["status": "ready"]
            let body = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])
            return Response(status: problem == nil ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { [metrics = core.metrics] _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: Self.openAPI)))
        }
    }
}
