import Foundation
import Hummingbird

/// The id of a request (X-Request-Id), in every log line written for it and in its answer: the one
/// the client (or a proxy before us) sent when it is well-formed, so that one id follows the request
/// through every program it passes; else a new one.
enum RequestIdentifier {
    // HTTPFields.Element is HTTPTypes' HTTPField, which Hummingbird does not export by name.
    static let header = HTTPFields.Element.Name("X-Request-Id")!
    static let maxLength = 64

    static func of(_ request: Request) -> String {
        if let given = request.headers[header], isWellFormed(given) { return given }
        return UUID().uuidString.lowercased()
    }

    /// 1 to 64 ASCII letters, digits and `-_.:`: nothing a log line or a header would have to escape,
    /// and no line of unbounded length from a client.
    static func isWellFormed(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maxLength && id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }
}
