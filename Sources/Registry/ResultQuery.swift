import Foundation

/// What `Registry.search` looks for: a serial and a 公民身份号码 whole (upper case, as they are kept),
/// a name as a LIKE pattern (`!` escapes LIKE's own characters).
struct ResultQuery {
    let exact: String
    let namePattern: String

    init(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        exact = text.uppercased()
        namePattern = "%" + text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_") + "%"
    }
}
