import Foundation
import GRDB

/// One request to the HTTP service to stamp (who, what, when, with what outcome), kept in the
/// registry beside the results so that the city office can see who used an agency's seal.
public struct StampRequest: Sendable, Equatable {
    /// The name of the bearer token that asked.
    public var requester: String
    /// The agency's code; nil when the token is not an agency's (the request was refused).
    public var agency: String?
    public var unit: String?
    public var year: Int?
    public var people: Int?
    /// The HTTP status of the answer.
    public var status: Int
    /// One sentence: what was done, or why it was refused.
    public var outcome: String
    public var serials: [String]
    /// ISO 8601, UTC; set when logged.
    public var requestedAt: String

    public init(requester: String, agency: String?, unit: String?, year: Int?, people: Int?, status: Int,
                outcome: String, serials: [String], requestedAt: String = Date.now.formatted(.iso8601)) {
        self.requester = requester
        self.agency = agency
        self.unit = unit
        self.year = year
        self.people = people
        self.status = status
        self.outcome = outcome
        self.serials = serials
        self.requestedAt = requestedAt
    }
}

extension SQLiteRegistry {
    public func log(_ request: StampRequest) throws(RegistryError) {
        do {
            try database.write { db in
                try db.execute(sql: """
                INSERT INTO stamp_request (requested_at, requester, agency, unit, year, people, status, outcome, serials)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [request.requestedAt, request.requester, request.agency, request.unit, request.year,
                                 request.people, request.status, request.outcome, request.serialList])
            }
        } catch {
            throw RegistryError("审验登记库 \(file.path) 写入失败", error)
        }
    }

    public func stampRequests() throws(RegistryError) -> [StampRequest] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stamp_request ORDER BY id").map { row in
                StampRequest(requester: row["requester"], agency: row["agency"], unit: row["unit"], year: row["year"],
                             people: row["people"], status: row["status"], outcome: row["outcome"],
                             serials: StampRequest.serials(row["serials"]), requestedAt: row["requested_at"])
            }
        }
    }
}

extension StampRequest {
    /// The serials as a store keeps them, comma-separated.
    var serialList: String { serials.joined(separator: ",") }

    static func serials(_ list: String) -> [String] { list.split(separator: ",").map(String.init) }
}
