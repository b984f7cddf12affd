import Foundation
import Hummingbird
import Logging
import Pipeline
import Records
import Rules

/// Whose earlier years (学时台账) judge a caller's year in the service: the decision for issue 15's
/// ledger in /v1/check, /v1/render, the previews and the pages.
///
/// - **An agency** judges with its registry's ledger, read by the very path its stamp reads it
///   (`RulesEngine.agency`, as `StampJob` does): the check, the documents and its view of a unit's
///   submission show the verdict, the carried hours (上年度结转), the diploma and the 聘任周期 that its
///   stamp will issue.
/// - **A unit** may not read the registry (it holds other units' people and the agencies' results), so
///   its year is judged on the year's records alone, as `cedocs check` without a ledger judges it, and
///   every answer says so with `Ledger.absentNote`: `notes` in /v1/check's JSON, the table of the unit's
///   page, and the `Cedocs-Note` header of a render or preview (the PDF is the form, which has no place
///   for it). The agency's stamp may then differ wherever earlier years count.
extension Caller {
    /// The rules this caller's year of `loaded` is judged by; a registry that cannot be read is 503/500
    /// (`ServiceError.registryFailure`). Reads the registry: call it on the pool.
    func rules(for loaded: LoadedRecords, logger: Logger) throws(ServiceError) -> RulesEngine {
        guard case .agency(let agency) = role else { return RulesEngine() }
        do {
            return try RulesEngine.agency(agency.registry, people: loaded.records.people.idNumbers)
        } catch {
            throw .registryFailure(error, logger: logger)
        }
    }
}

extension RulesEngine {
    /// `Cedocs-Note`: the notes of a document judged by these rules (`Ledger.absentNote` without a
    /// ledger), percent-encoded UTF-8, for a header carries ASCII only.
    // HTTPFields.Element is HTTPTypes' HTTPField, which Hummingbird does not export by name.
    static let noteHeader = HTTPFields.Element.Name("Cedocs-Note")!

    /// RFC 3986's unreserved characters, ASCII only: everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `response` with the `Cedocs-Note` header when these rules judged without a ledger.
    func noted(_ response: Response) -> Response {
        guard let note = notes?.joined(separator: "\n").addingPercentEncoding(withAllowedCharacters: Self.unreserved)
        else { return response }
        var response = response
        response.headers[Self.noteHeader] = note
        return response
    }
}
