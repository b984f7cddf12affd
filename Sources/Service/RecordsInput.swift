import Foundation
import Hummingbird
import Records

/// The body of check, render and stamp requests: one records file (`cedocs/records/1` JSON), read
/// within the configured limits before any work is done.
struct RecordsInput: Sendable {
    let limits: ServiceConfiguration.Limits

    /// The file's name in reports: the request has none of its own.
    static let fileName = "records.json"

    /// The raw body: 415 for anything but JSON, 413 beyond `body_bytes` (told by Content-Length before
    /// reading, or found while reading), 408 when it comes slower than `min_body_bytes_per_second`
    /// (after the first `idle_seconds`). Nothing beyond `body_bytes` is ever held.
    func body(of request: Request) async throws -> Data {
        let type = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw ServiceError(status: .unsupportedMediaType, code: "unsupported_media_type",
                               message: "请求内容应为 JSON 记录文件（Content-Type: application/json），"
                                   + "实际为 \(request.headers[.contentType] ?? "未注明")。")
        }
        let tooLarge = ServiceError(status: .contentTooLarge, code: "too_large",
                                    message: "记录文件超过 \(limits.bodyBytes) 字节的上限：请分批提交。")
        let declared = request.headers[.contentLength].flatMap(Int.init) ?? 0
        if declared > limits.bodyBytes { throw tooLarge }
        let pace = BodyPace(bytesPerSecond: limits.minBodyBytesPerSecond, grace: limits.idleSeconds)
        return try await withThrowingTaskGroup(of: Data.self) { [limits] group in
            group.addTask {
                // Reserved, not touched: memory grows only as the bytes arrive, in one buffer.
                var body = Data()
                body.reserveCapacity(max(0, declared))
                for try await chunk in request.body {
                    guard body.count + chunk.readableBytes <= limits.bodyBytes else { throw tooLarge }
                    chunk.withUnsafeReadableBytes { body.append(contentsOf: $0) }
                    pace.arrived(body.count)
                }
                return body
            }
            group.addTask { () async throws -> Data in try await pace.watch() }
            // The first to end decides: the whole body, or the refusal (the other task is then cancelled;
            // a body read cut short stops the connection's reading, and the idle time closes it).
            defer { group.cancelAll() }
            guard let body = try await group.next() else { throw ServiceError.internalError("请求内容读取异常。") }
            return body
        }
    }

    /// The records, validated: 422 with the JSON path of every problem when the file as a whole cannot
    /// be used or holds more people than allowed. People with errors are left to the caller.
    func load(_ body: Data) throws(ServiceError) -> LoadedRecords {
        if let offset = Self.longString(in: body) {
            throw ServiceError(status: .unprocessableContent, code: "string_too_long",
                               message: "记录文件中有一项文字超过 \(Self.longestString) 字节的上限：请检查文件是否损坏。",
                               problems: [.init(path: "$", message: "第 \(offset) 字节处开始的字符串超过 \(Self.longestString) 字节")])
        }
        do {
            // The loader stops at the first person past the limit: a body of millions costs no more.
            return try RecordsLoader.load(data: body, fileName: Self.fileName, peopleLimit: limits.people)
        } catch let error where error.peopleLimit != nil {
            throw ServiceError(status: .unprocessableContent, code: "too_many_people",
                               message: "一次最多提交 \(limits.people) 人，本次超过了这个人数：请分批提交。",
                               problems: [.init(path: "people", message: "人员名单超过上限 \(limits.people) 人")])
        } catch {
            throw .invalidRecords("记录文件无法使用，请按所列位置更正后重新提交。", error.problems)
        }
    }

    /// No value of a records file is anywhere near this long (UTF-8 bytes); a longer one is a broken or
    /// hostile file, refused before it is laid out.
    static let longestString = 16 * 1024

    /// The byte offset of the first JSON string longer than `longestString`, if any. It reads every
    /// byte of every body, so it jumps from quote to quote with `memchr` (cheap even in a debug build).
    static func longString(in body: Data) -> Int? {
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            /// The offset of the next `"` from `offset`, or nil.
            func quote(from offset: Int) -> Int? {
                guard offset < bytes.count,
                      let found = memchr(base + offset, Int32(UInt8(ascii: "\"")), bytes.count - offset) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            var next = 0
            while let open = quote(from: next) {
                // The closing quote is the first one not escaped: after an even run of backslashes.
                var close = quote(from: open + 1)
                while let candidate = close {
                    var backslashes = 0
                    while candidate - backslashes - 1 > open, bytes[candidate - backslashes - 1] == UInt8(ascii: "\\") {
                        backslashes += 1
                    }
                    if backslashes.isMultiple(of: 2) { break }
                    close = quote(from: candidate + 1)
                }
                if (close ?? bytes.count) - 1 - open > longestString { return open }
                guard let close else { return nil }
                next = close + 1
            }
            return nil
        }
    }
}
