import Foundation
import Hummingbird

/// A form a page posted: its text fields, and at most one file (the unit's records). Read from
/// `application/x-www-form-urlencoded` or `multipart/form-data` (RFC 7578), the only two a browser sends.
struct WebForm: Sendable {
    var fields: [String: String] = [:]
    /// Every value of each field, in order: a field several boxes share (the people ticked for a stamp).
    private var values: [String: [String]] = [:]
    /// The file field's name as the browser gave it, and its bytes.
    var file: (name: String, data: Data)?

    /// The form in `body`; nil when the content type is neither form kind.
    init?(_ body: Data, contentType: String) {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        switch parts.first?.lowercased() {
        case "application/x-www-form-urlencoded":
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                    $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                fields[kv[0]] = kv.count > 1 ? kv[1] : ""
                values[kv[0], default: []].append(fields[kv[0]]!)
            }
        case "multipart/form-data":
            guard let boundary = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })?
                .dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")),
                !boundary.isEmpty else { return nil }
            readMultipart(body, boundary: Data("--\(boundary)".utf8))
        default:
            return nil
        }
    }

    /// Every value posted under `name` (none: empty).
    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Each part between two delimiters: its headers, a blank line, its content (the CRLF before the
    /// next delimiter is the delimiter's).
    private mutating func readMultipart(_ body: Data, boundary: Data) {
        let headerEnd = Data("\r\n\r\n".utf8)
        var cursor = body.startIndex
        guard let first = body.range(of: boundary, in: cursor..<body.endIndex) else { return }
        cursor = first.upperBound
        while let next = body.range(of: Data("\r\n".utf8) + boundary, in: cursor..<body.endIndex) {
            let part = body[cursor..<next.lowerBound]
            cursor = next.upperBound
            guard let split = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            let content = Data(part[split.upperBound...])
            guard let disposition = headers.split(separator: "\r\n")
                .first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { continue }
            let name = Self.parameter("name", of: disposition)
            if let fileName = Self.parameter("filename", of: disposition) {
                file = (fileName, content)
            } else if let name {
                fields[name] = String(decoding: content, as: UTF8.self)
                values[name, default: []].append(fields[name]!)
            }
        }
    }

    /// `name="value"` in a Content-Disposition line.
    private static func parameter(_ key: String, of line: Substring) -> String? {
        for item in line.split(separator: ";").dropFirst() {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            return kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
