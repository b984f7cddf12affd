import Foundation
import Hummingbird
import Logging

/// The outermost middleware. It gives the request its id (RequestIdentifier), in the logger every handler
/// gets (`context.logger`) and in the answer's X-Request-Id; answers every error as JSON (ServiceError's
/// shape, also for the framework's own 404 and 413), logging with the id what went wrong inside; then
/// counts the request in the metrics and writes its line in the log: method, route pattern, status,
/// time, id and the name of the token that asked (never the token).
struct ServiceMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let id = RequestIdentifier.of(request)
        var context = context
        // The id under one key: Hummingbird's own (`hb.request.id`, which `context.id` reads and this
        // service does not) would be a second, different one in every line.
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let answer = Self.answer(error)
            if answer.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": .string("\(error)")])
            }
            response = try answer.response(from: request, context: context)
        }
        response.headers[RequestIdentifier.header] = id
        let duration = ContinuousClock.now - start
        // The pattern matched; Hummingbird names an unknown address's "NotFound".
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: response.status.code, duration: duration)
        var line: Logger.Metadata = [
            "method": .string(request.method.rawValue), "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .stringConvertible((duration / .milliseconds(1) * 1000).rounded() / 1000),
        ]
        if let token = context.tokenName.withLockedValue({ $0 }) { line["token"] = .string(token) }
        context.logger.info("request", metadata: line)
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
