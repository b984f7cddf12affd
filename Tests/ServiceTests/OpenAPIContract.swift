import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import Yams

/// /openapi.yaml read as a contract: which routes exist, and for each the statuses and content types
/// of its answers. Every answer the tests get is checked against it.
struct OpenAPIContract: Sendable {
    static let file = Repository.root.appendingPathComponent("Sources/Service/openapi.yaml")
    static let shared: OpenAPIContract = {
        do { return try OpenAPIContract(yaml: String(contentsOf: file, encoding: .utf8)) } catch { fatalError("\(error)") }
    }()

    /// "GET /v1/verify/{serial}" → status → content types.
    let operations: [String: [String: Set<String>]]

    init(yaml: String) throws {
        let document = try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
        let components = document["components"] as? [String: Any] ?? [:]
        let shared = components["responses"] as? [String: Any] ?? [:]
        var operations: [String: [String: Set<String>]] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let responses = (operation as? [String: Any])?["responses"] as? [String: Any] else { continue }
                var statuses: [String: Set<String>] = [:]
                for (status, response) in responses {
                    var response = response as? [String: Any] ?? [:]
                    if let ref = response["$ref"] as? String {
                        response = shared[String(ref.split(separator: "/").last!)] as? [String: Any] ?? [:]
                    }
                    statuses[status] = Set((response["content"] as? [String: Any] ?? [:]).keys)
                }
                operations["\(method.uppercased()) \(path)"] = statuses
            }
        }
        self.operations = operations
    }

    /// The documented operation a request goes to: `{name}` matches one path segment.
    func operation(method: String, path: String) -> String? {
        let segments = path.split(separator: "/")
        return operations.keys.first { key in
            let parts = key.split(separator: " ", maxSplits: 1)
            let template = parts[1].split(separator: "/")
            return parts[0] == method && template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    func check(method: HTTPRequest.Method, uri: String, response: TestResponse) throws {
        let path = String(uri.split(separator: "?").first ?? "")
        guard let operation = operation(method: method.rawValue, path: path) else {
            // Undocumented addresses get the JSON 404 (or 405) of every unknown route.
            #expect([404, 405].contains(response.status.code), "\(method) \(path) is not in openapi.yaml")
            return
        }
        let status = String(response.status.code)
        guard let types = operations[operation]![status] else {
            Issue.record("\(operation) answered \(status), which openapi.yaml does not list")
            return
        }
        let type = response.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
        #expect(types.contains(type), "\(operation) \(status) answered \(type), openapi.yaml lists \(types.sorted())")
    }
}
