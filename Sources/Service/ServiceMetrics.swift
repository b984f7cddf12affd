import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// The service's counters in the Prometheus text format (0.0.4), written by hand: three metrics do
/// not need a metrics backend, and each application keeps its own (tests run several in one process).
final class ServiceMetrics: Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

    private struct RequestKey: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServiceMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
        var pages = 0
        var abandoned = 0
    }

    private let state = NIOLockedValueBox(State())

    func request(method: String, route: String, status: Int, seconds: Double) {
        state.withLockedValue { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[route, default: Histogram()]
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.latency[route] = histogram
        }
    }

    func pagesRendered(_ count: Int) {
        state.withLockedValue { $0.pages += count }
    }

    /// A request whose client left, or whose time ran out, before its work was done.
    func abandoned() {
        state.withLockedValue { $0.abandoned += 1 }
    }

    func exposition() -> String {
        let state = state.withLockedValue { $0 }
        var lines = ["# HELP cedocs_http_requests_total HTTP requests answered, by route and status.",
                     "# TYPE cedocs_http_requests_total counter"]
        for (key, count) in state.requests.sorted(by: { $0.key < $1.key }) {
            lines.append("cedocs_http_requests_total{method=\"\(key.method)\",route=\"\(key.route)\",status=\"\(key.status)\"} \(count)")
        }
        lines += ["# HELP cedocs_http_request_duration_seconds Time to answer an HTTP request, by route.",
                  "# TYPE cedocs_http_request_duration_seconds histogram"]
        for (route, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
            for (bound, count) in zip(Self.buckets, histogram.counts) {
                lines.append("cedocs_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(count)")
            }
            lines.append("cedocs_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)")
            lines.append("cedocs_http_request_duration_seconds_sum{route=\"\(route)\"} \(histogram.sum)")
            lines.append("cedocs_http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)")
        }
        lines += ["# HELP cedocs_pages_rendered_total PDF pages rendered.", "# TYPE cedocs_pages_rendered_total counter",
                  "cedocs_pages_rendered_total \(state.pages)",
                  "# HELP cedocs_requests_abandoned_total Requests stopped because the client left or the time ran out.",
                  "# TYPE cedocs_requests_abandoned_total counter", "cedocs_requests_abandoned_total \(state.abandoned)"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The outermost middleware: answers every error as JSON (ServiceError's shape, also for the
/// framework's own 404 and 413) and counts every request with its route template, status and time.
struct ServiceMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Self.answer(error).response(from: request, context: context)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.request(method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                        status: response.status.code, seconds: seconds)
        return response
    }

    static func answer(_ error: any Error) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as any HTTPResponseError where error.status == .notFound:
            return .notFound("没有这个地址：请查看 /openapi.yaml 中的接口说明。")
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return ServiceError(status: .contentTooLarge, code: "too_large", message: "请求内容过大。")
        case let error as any HTTPResponseError where error.status == .methodNotAllowed:
            return ServiceError(status: .methodNotAllowed, code: "method_not_allowed", message: "此地址不支持该请求方法。")
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            return ServiceError(status: error.status, code: "bad_request", message: "请求无效。")
        default:
            return .internalError("服务内部错误，请稍后重试；如一再出现，请联系管理员。")
        }
    }
}
