import Foundation
import Hummingbird
import Records
import Spreadsheet

/// The body of check, render and stamp requests: one records file (`cedocs/records/1` JSON), or a
/// unit's workbook (XLSX) or CSV converted on the fly, read within the configured limits before any
/// work is done.
struct RecordsInput: Sendable {
    let limits: ServiceConfiguration.Limits

    /// The body and what it is: nil for a records file, else the spreadsheet's format.
    struct Body: Sendable {
        var data: Data
        var format: SpreadsheetFormat?
    }

    /// The file's name in reports: the request has none of its own.
    static let fileName = "records.json"

    /// A workbook inflates to at most this many times `body_bytes`: XML is wordier than JSON, but the
    /// people limit keeps real workbooks far below it; a ZIP bomb is stopped there.
    static let inflation = 4

    /// The raw body: 415 for anything but JSON, XLSX or CSV, 413 beyond `body_bytes` (told by
    /// Content-Length before reading, or found while reading), 408 when it comes slower than
    /// `min_body_bytes_per_second` (after the first `idle_seconds`). Nothing beyond `body_bytes` is ever held.
    func body(of request: Request) async throws -> Body {
        let type = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let format = SpreadsheetFormat(mediaType: type)
        guard type == "application/json" || format != nil else {
            throw ServiceError(status: .unsupportedMediaType, code: "unsupported_media_type",
                               message: "请求内容应为 JSON 记录文件（Content-Type: application/json）、Excel 工作簿"
                                   + "（\(SpreadsheetFormat.xlsxMediaType)）或 CSV（text/csv），"
                                   + "实际为 \(request.headers[.contentType] ?? "未注明")。")
        }
        let tooLarge = ServiceError(status: .contentTooLarge, code: "too_large",
                                    message: "记录文件超过 \(limits.bodyBytes) 字节的上限：请分批提交。")
        return Body(data: try await bytes(of: request, limit: limits.bodyBytes, tooLarge: tooLarge), format: format)
    }

    /// The bytes of a body of at most `limit` (else `tooLarge`), at the configured pace: for a records
    /// file, and for the form a page uploads one in.
    func bytes(of request: Request, limit: Int, tooLarge: ServiceError) async throws -> Data {
        let declared = request.headers[.contentLength].flatMap(Int.init) ?? 0
        if declared > limit { throw tooLarge }
        let pace = BodyPace(bytesPerSecond: limits.minBodyBytesPerSecond, grace: limits.idleSeconds)
        return try await withThrowingTaskGroup(of: Data.self) { group in
            group.addTask {
                // Reserved, not touched: memory grows only as the bytes arrive, in one buffer.
                var body = Data()
                body.reserveCapacity(max(0, declared))
                for try await chunk in request.body {
                    guard body.count + chunk.readableBytes <= limit else { throw tooLarge }
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
    func load(_ body: Body) throws(ServiceError) -> LoadedRecords {
        guard let format = body.format else { return try load(body.data) }
        let fileName = "records." + format.rawValue
        let limits = SpreadsheetImport.Limits(inflatedBytes: self.limits.bodyBytes * Self.inflation, people: self.limits.people)
        let refused = { [people = self.limits.people] (error: RecordsFileError) -> ServiceError in
            error.peopleLimit != nil ? .tooManyPeople(people)
                : .invalidRecords("工作簿无法使用，请按所列工作表和单元格更正后重新提交。", error.problems)
        }
        let converted: SpreadsheetImport.Converted
        do throws(RecordsFileError) {
            converted = try SpreadsheetImport.convert(body.data, format: format, fileName: fileName, limits: limits)
        } catch {
            throw refused(error)
        }
        try refuseLongStrings(converted.json)
        do throws(RecordsFileError) {
            return try SpreadsheetImport.load(converted, fileName: fileName, limits: limits)
        } catch {
            throw refused(error)
        }
    }

    private func load(_ body: Data) throws(ServiceError) -> LoadedRecords {
        try refuseLongStrings(body)
        do {
            // The loader stops at the first person past the limit: a body of millions costs no more.
            return try RecordsLoader.load(data: body, fileName: Self.fileName, peopleLimit: limits.people)
        } catch let error where error.peopleLimit != nil {
            throw .tooManyPeople(limits.people)
        } catch {
            throw .invalidRecords("记录文件无法使用，请按所列位置更正后重新提交。", error.problems)
        }
    }

    private func refuseLongStrings(_ json: some ContiguousBytes) throws(ServiceError) {
        guard let offset = Self.longString(in: json) else { return }
        throw ServiceError(status: .unprocessableContent, code: "string_too_long",
                           message: "记录文件中有一项文字超过 \(Self.longestString) 字节的上限：请检查文件是否损坏。",
                           problems: [.init(path: "$", message: "第 \(offset) 字节处开始的字符串超过 \(Self.longestString) 字节")])
    }

    /// No value of a records file is anywhere near this long (UTF-8 bytes); a longer one is a broken or
    /// hostile file, refused before it is laid out.
    static let longestString = 16 * 1024

    /// The byte offset of the first JSON string longer than `longestString`, if any. It reads every
    /// byte of every body, so it jumps from quote to quote with `memchr` (cheap even in a debug build).
    static func longString(in body: some ContiguousBytes) -> Int? {
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
