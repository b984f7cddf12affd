import Hummingbird
import Pipeline

/// `POST /v1/check`: the report of `cedocs check --json`, byte for byte — problems with their JSON paths, each
/// person's recognised hours and verdict. People with errors are part of the report (200); only a
/// file that cannot be used at all is refused (422). An agency's check reads its registry's ledger, a
/// unit's judges the year alone and says so in `notes` (`Caller.rules`).
struct CheckRoute {
    let core: ServiceCore

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/v1/check") { request, context in
            try await core.withRecords(request, context) { caller, loaded, _ in
                try caller.authorize(loaded.records.unit)
                let logger = context.logger
                let json = try await core.pool.compute { try CheckReport(loaded, engine: try caller.rules(for: loaded, logger: logger)).json() }
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: json)))
            }
        }
    }
}
