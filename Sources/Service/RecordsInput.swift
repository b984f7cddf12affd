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
    /// reading, or found while reading).
    func body(of request: Request) async throws -> ByteBuffer {
        let type = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw ServiceError(status: .unsupportedMediaType, code: "unsupported_media_type",
                               message: "请求内容应为 JSON 记录文件（Content-Type: application/json），"
                                   + "实际为 \(request.headers[.contentType] ?? "未注明")。")
        }
        let tooLarge = ServiceError(status: .contentTooLarge, code: "too_large",
                                    message: "记录文件超过 \(limits.bodyBytes) 字节的上限：请分批提交。")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.bodyBytes { throw tooLarge }
        var request = request
        do {
            return try await request.collectBody(upTo: limits.bodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    /// The records, validated: 422 with the JSON path of every problem when the file as a whole cannot
    /// be used or holds more people than allowed. People with errors are left to the caller.
    func load(_ body: ByteBuffer) throws(ServiceError) -> LoadedRecords {
        if let offset = Self.longString(in: body.readableBytesView) {
            throw ServiceError(status: .unprocessableContent, code: "string_too_long",
                               message: "记录文件中有一项文字超过 \(Self.longestString) 字节的上限：请检查文件是否损坏。",
                               problems: [.init(path: "$", message: "第 \(offset) 字节处开始的字符串超过 \(Self.longestString) 字节")])
        }
        let loaded: LoadedRecords
        do {
            loaded = try RecordsLoader.load(data: Data(body.readableBytesView), fileName: Self.fileName)
        } catch {
            throw .invalidRecords("记录文件无法使用，请按所列位置更正后重新提交。", error.problems)
        }
        let people = loaded.records.people.count + loaded.rejected.count
        guard people <= limits.people else {
            throw ServiceError(status: .unprocessableContent, code: "too_many_people",
                               message: "一次最多提交 \(limits.people) 人，本次有 \(people) 人：请分批提交。",
                               problems: [.init(path: "people", message: "人员名单有 \(people) 人，超过上限 \(limits.people) 人")])
        }
        return loaded
    }

    /// No value of a records file is anywhere near this long (UTF-8 bytes); a longer one is a broken or
    /// hostile file, refused before it is laid out.
    static let longestString = 16 * 1024

    /// The byte offset of the first JSON string longer than `longestString`, if any.
    static func longString(in bytes: some Collection<UInt8>) -> Int? {
        var start: Int?
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            guard let begun = start else {
                if byte == UInt8(ascii: "\"") { start = offset }
                continue
            }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                start = nil
                continue
            }
            if offset - begun > longestString { return begun }
        }
        return nil
    }
}
