import Archiving
import Documents
import Foundation
import Hummingbird
import Pipeline
import Registry

/// `GET /v1/spot-check?year=2016&rate=0.2&seed=S`: the city office's (市职称办, a `bureau: true` token)
/// spot check across agencies — in each agency, at least ceil(rate × n) of its n person results of the
/// year in force, at least one — as CSV, or as the PDF sheet with `Accept: application/pdf`. The draw is
/// `cedocs sample --registry`'s (SpotCheckList(results:)): the same seed gives the same sample from any
/// replica. Agencies and units get 403.
struct SpotCheckRoute {
    let core: ServiceCore

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/v1/spot-check") { request, context in
            guard case .bureau = try core.gatekeeper.caller(of: request).role else {
                throw ServiceError.forbidden("只有市职称办的令牌可以抽检各审验机构的结果。")
            }
            let query = request.uri.queryParameters
            guard let year = query.get("year").flatMap({ Int($0) }), (1000...9999).contains(year) else {
                throw Self.badQuery("year", "应为审验年度，如 year=2016")
            }
            guard let rate = SampleRate(query.get("rate") ?? "0.2"), rate >= SpotCheck.minimumRate else {
                throw Self.badQuery("rate", "应为 0.2 到 1 之间的小数或 20% 这样的百分数（抽检率不低于20%）")
            }
            guard let seed = query.get("seed").flatMap({ UInt64($0) }) else {
                throw Self.badQuery("seed", "应为非负整数：同一种子抽出同一批结果，抽检方据此复核")
            }
            let results: [IssuedResult]
            do {
                results = try core.gatekeeper.registries.flatMap { try $0.results(year: year) }
            } catch {
                throw ServiceError.registryFailure(error, logger: context.logger)
            }
            let list = SpotCheckList(results: results, year: year, rate: rate, seed: seed)
            let name = "sample-\(year)-\(seed)"
            guard request.headers[.accept]?.contains("application/pdf") == true else {
                return RenderRoute.response(Data(list.csv()), type: "text/csv; charset=utf-8", file: "\(name).csv")
            }
            let data = list.data(creator: core.creator)
            let pdf = try await core.pool.run { renderer in
                do {
                    return try renderer.produce(.spotCheck, data, to: .memory).bytes
                } catch {
                    throw ServiceError.internalError("抽检表生成失败，请稍后重试。")
                }
            }
            return RenderRoute.response(Data(pdf), type: "application/pdf", file: "\(name).pdf")
        }
    }

    static func badQuery(_ name: String, _ message: String) -> ServiceError {
        ServiceError(status: .badRequest, code: "bad_query", message: "查询参数 \(name) \(message)。")
    }
}
