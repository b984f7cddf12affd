import Foundation
import Hummingbird
import Logging
import Records
import Registry

/// Every refusal the service gives, as the JSON a client program reads and a clerk understands:
/// `{ "error": { "code": "…", "message": "<中文>", "problems": [{ "path": "people[3].id_number", "message": "…" }] } }`.
struct ServiceError: HTTPResponseError {
    struct Problem: Codable, Sendable, Equatable {
        var path: String
        var message: String
        /// The sheet and cell, for a workbook or CSV: `继续教育!F12（结束日期）`.
        var place: String?
    }

    var status: HTTPResponse.Status
    var code: String
    var message: String
    var problems: [Problem] = []
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    var body: Data {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var problems: [Problem]?
            }
            var error: Detail
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let detail = Body.Detail(code: code, message: message, problems: problems.isEmpty ? nil : problems)
        return (try? encoder.encode(Body(error: detail))) ?? Data()
    }
}

/// For the service's own log: the code, status and message the client is given.
extension ServiceError: CustomStringConvertible {
    var description: String { "\(code) (\(status.code)): \(message)" }
}

extension ServiceError {
    static let unauthorized = ServiceError(
        status: .unauthorized, code: "unauthorized",
        message: "缺少有效的访问令牌：请在请求头 Authorization 中写 Bearer 和本单位或本机构的令牌。",
        headers: [.wwwAuthenticate: "Bearer"])

    /// The same answer whether or not the unit named exists anywhere: the service does not say.
    static func forbidden(_ message: String) -> ServiceError {
        ServiceError(status: .forbidden, code: "forbidden", message: message)
    }

    static func invalidRecords(_ message: String, _ problems: [RecordsProblem]) -> ServiceError {
        ServiceError(status: .unprocessableContent, code: "invalid_records", message: message,
                     problems: problems.filter(\.isError).map { Problem(path: $0.path, message: $0.message, place: $0.place) })
    }

    static func tooManyPeople(_ limit: Int) -> ServiceError {
        ServiceError(status: .unprocessableContent, code: "too_many_people",
                     message: "一次最多提交 \(limit) 人，本次超过了这个人数：请分批提交。",
                     problems: [.init(path: "people", message: "人员名单超过上限 \(limit) 人")])
    }

    static let busy = ServiceError(
        status: .serviceUnavailable, code: "busy", message: "服务正忙，请稍后重试。",
        headers: [.retryAfter: "2"])

    /// One token has its share of the requests at work; the others still get theirs.
    static func tokenBusy(share: Int) -> ServiceError {
        ServiceError(status: .serviceUnavailable, code: "busy",
                     message: "此令牌已有 \(share) 个请求正在处理，这是一个令牌同时可占的上限：请等前面的请求完成后重试。",
                     headers: [.retryAfter: "2"])
    }

    /// The body came too slowly: the connection is given up.
    static func slowBody(bytesPerSecond: Double) -> ServiceError {
        ServiceError(status: .requestTimeout, code: "slow_body",
                     message: "记录文件上传过慢（低于每秒 \(Int(bytesPerSecond)) 字节），已停止接收：请检查网络后重新提交。")
    }

    static func timeout(seconds: Double) -> ServiceError {
        ServiceError(status: .requestTimeout, code: "timeout",
                     message: "请求处理超过 \(Int(seconds)) 秒，已停止：请减少每次提交的人数后重试。")
    }

    /// The client went away; nobody reads this answer, it only ends the work.
    static let clientGone = ServiceError(status: .init(code: 499), code: "client_closed", message: "客户端已断开连接。")

    /// The server's disk is full (507): nothing of the request was recorded; it works again once an
    /// operator frees space, without a restart.
    static let storageFull = ServiceError(
        status: .init(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_full",
        message: "服务器磁盘已满，本次盖章未登记任何结果：请稍后重试。", headers: [.retryAfter: "60"])

    static func notFound(_ message: String) -> ServiceError {
        ServiceError(status: .notFound, code: "not_found", message: message)
    }

    /// The city's registry (PostgreSQL) cannot be reached: nothing was recorded, and the replica connects
    /// again by itself once the database is back; a client should try again shortly.
    static let registryUnavailable = ServiceError(
        status: .serviceUnavailable, code: "registry_unavailable",
        message: "审验登记库暂时无法连接，本次请求未读取或登记任何结果：请稍后重试。", headers: [.retryAfter: "5"])

    /// A registry that failed a read: 503 with Retry-After when it is out of reach, else 500; why, in the
    /// log for the operator (the client's answer names no server, file or database).
    static func registryFailure(_ error: any Error, logger: Logger) -> ServiceError {
        let unavailable = (error as? RegistryError)?.unavailable == true
        logger.log(level: unavailable ? .warning : .error, "registry failed", metadata: ["error": .string("\(error)")])
        return unavailable ? registryUnavailable : internalError("审验登记库暂时无法读取，请稍后重试。")
    }

    static func internalError(_ message: String) -> ServiceError {
        ServiceError(status: .internalServerError, code: "internal", message: message)
    }
}
