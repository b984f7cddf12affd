import Foundation
import Hummingbird
import Logging
import Pipeline
import Records
import Registry
import Stamping

/// `POST /v1/stamp`: an agency stamps a unit's records (as `cedocs stamp`) and gets back a ZIP of the
/// stamped documents (`people/<id>/<year>/registration.pdf`, `certificate.pdf`, `result.pdf`,
/// `units/<unit>/<year>/annual-audit.pdf`) and `stamp-report.json`; the results go into the agency's
/// registry (its profile's registry.sqlite, as with `cedocs stamp`). Every request of a known token is
/// logged in the service's request log, refused or not: who, what, when, the outcome.
///
/// The stamp run is one call on the render pool into a folder of its own, deleted after zipping. It
/// renders first and records its results in one short transaction at the end; a client that leaves
/// stops it between people, and then nothing is recorded.
struct StampRoute {
    let core: ServiceCore

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/v1/stamp") { request, context in
            let caller = try core.caller(of: request, context)
            return try await stamp(caller, context) { [input = core.input] in try await input.body(of: request) }
        }
    }

    /// A stamp by `caller` of the records `records` gives, answered with the stamped ZIP.
    func stamp(_ caller: Caller, _ context: ServiceRequestContext,
               records: @escaping @Sendable () async throws -> RecordsInput.Body) async throws -> Response {
        let stamped = try await zip(caller, context, records: records)
        return RenderRoute.response(stamped.data, type: "application/zip", file: stamped.file)
    }

    /// The stamped ZIP, its file name, and what the run did.
    struct Stamped: Sendable {
        var data: Data
        var file: String
        var report: StampReport
    }

    /// A stamp by `caller` of the records `records` gives, logged as every stamp request is: the API's,
    /// and an agency's page's for a unit's submission. `selected`: only these people (公民身份号码, each
    /// of the records), else everyone examined; `progress` hears of each person done (on a pool thread).
    func zip(_ caller: Caller, _ context: ServiceRequestContext, selected: Set<String>? = nil,
             progress: (@Sendable (BatchProgress) -> Void)? = nil,
             records: @escaping @Sendable () async throws -> RecordsInput.Body) async throws -> Stamped {
        var agency: String?
        if case .agency(let own) = caller.role { agency = own.profile.code }
        let entry = StampRequest(requester: caller.name, agency: agency, unit: nil, year: nil, people: nil,
                                 status: 200, outcome: "", serials: [])
        do {
            return try await core.withCaller(caller, context, records: records) { caller, loaded, budget in
                var entry = entry
                entry.unit = loaded.records.unit.name
                entry.year = loaded.records.year
                entry.people = loaded.records.people.count + loaded.rejected.count
                do {
                    let stamped = try await stamp(caller, loaded, budget, context, selected: selected, progress: progress)
                    entry.outcome = "出具 \(stamped.report.issued.count) 份结果，未盖章 \(stamped.report.skipped.count) 项"
                    entry.serials = stamped.report.issued.map(\.serial.description)
                    log(entry, context)
                    return stamped
                } catch {
                    throw Logged(refusal: log(entry, context, refused: error))
                }
            }
        } catch let logged as Logged {
            throw logged.refusal
        } catch {
            // Refused before the records were read: who asked is all there is to log.
            throw log(entry, context, refused: error)
        }
    }

    /// A refusal already in the log, with what the request was about.
    private struct Logged: Error {
        var refusal: ServiceError
    }

    private func log(_ entry: StampRequest, _ context: ServiceRequestContext) {
        do { try core.requestLog.log(entry) } catch {
            context.logger.error("stamp request not logged", metadata: ["error": .string("\(error)")])
        }
    }

    private func log(_ entry: StampRequest, _ context: ServiceRequestContext, refused error: any Error) -> ServiceError {
        let refusal = ServiceMiddleware.answer(error)
        var entry = entry
        entry.status = refusal.status.code
        entry.outcome = "拒绝：\(refusal.message)"
        log(entry, context)
        return refusal
    }

    private func stamp(_ caller: Caller, _ loaded: LoadedRecords, _ budget: RequestBudget, _ context: ServiceRequestContext,
                       selected: Set<String>?, progress: (@Sendable (BatchProgress) -> Void)?) async throws -> Stamped {
        var loaded = loaded
        let agency = try caller.stampingAgency(for: loaded.records.unit)
        try RenderRoute.refuseRejected(loaded)
        try Self.refuseStrangers(selected, loaded)
        // A photo path names a file of this server, not of the client: never print it.
        loaded.records.people = PersonList(try loaded.records.people.all().map { person in
            var person = person
            person.photo = nil
            return person
        })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-stamp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try budget.check()
        // The agency's own registry: the one `cedocs stamp` with its profile uses.
        let (registry, creator, records, logger) = (agency.registry, core.creator, loaded, context.logger)
        let report = try await core.pool.run { renderer in
            do throws(StampingError) {
                return try StampJob(renderer: renderer, profile: agency.profile, key: agency.key, registry: registry)
                    .run(records, recordsFolder: folder, options: RenderOptions(output: folder, creator: creator),
                         selected: selected, progress: progress,
                         shouldStop: { (try? budget.check()) == nil })
            } catch where error.storageFull {
                // The path of the server's file is for its operator, not for the client.
                logger.error("stamp refused, disk full", metadata: ["error": .string(error.description)])
                throw ServiceError.storageFull
            } catch where error.registryUnavailable {
                logger.warning("stamp refused, registry unreachable", metadata: ["error": .string(error.description)])
                throw ServiceError.registryUnavailable
            } catch {
                // A client gone or out of time: answered as such (the run recorded nothing).
                try budget.check()
                throw ServiceError(status: .internalServerError, code: "stamp_failed", message: error.description)
            }
        }
        core.metrics.pagesRendered(report.rendering.pages)
        let reused = report.issued.count { $0.reused }
        core.metrics.stampsIssued(new: report.issued.count - reused, reused: reused)
        var zip = ZipFile()
        if FileManager.default.fileExists(atPath: folder.path) { try zip.add(folder: folder) }
        zip.add("stamp-report.json", StampSummary(report).json())
        let data = try await core.pool.compute { [zip] in try zip.data() }
        return Stamped(data: data, file: "stamped-\(agency.profile.code)-\(loaded.records.year).zip", report: report)
    }

    /// Every person chosen must be one of the records: a stale page's ticks never stamp someone else.
    private static func refuseStrangers(_ selected: Set<String>?, _ loaded: LoadedRecords) throws {
        guard let selected else { return }
        let people = Set(try loaded.records.people.all().map(\.idNumber))
        let strangers = selected.subtracting(people).sorted()
        guard strangers.isEmpty else {
            throw ServiceError(status: .unprocessableContent, code: "not_in_records",
                               message: "勾选的人员（公民身份号码 \(strangers.joined(separator: "、"))）不在单位“\(loaded.records.unit.name)”提交的记录中："
                                   + "请返回该单位的页面，刷新后重新勾选。")
        }
    }
}

/// `stamp-report.json` in the ZIP: what `cedocs stamp` prints, for a program.
struct StampSummary: Encodable {
    struct Issued: Encodable {
        var subject: String
        var serial: String
        var verdict: String
        var reused: Bool
        var replaced: String?
    }

    struct Skipped: Encodable {
        var subject: String
        var reason: String
    }

    struct Failure: Encodable {
        var subject: String
        var document: String
        var message: String
    }

    /// A later year in the agency's ledger whose result this stamp changed (细则四(二)…(六), 四(三), 二).
    struct LaterYear: Encodable {
        var idNumber: String
        var year: Int
        var verdict: String
        var summary: String

        enum CodingKeys: String, CodingKey { case idNumber = "id_number", year, verdict, summary }
    }

    var issued: [Issued]
    var skipped: [Skipped]
    var failures: [Failure]
    var laterYears: [LaterYear]

    enum CodingKeys: String, CodingKey { case issued, skipped, failures, laterYears = "later_years" }

    init(_ report: StampReport) {
        issued = report.issued.map {
            Issued(subject: $0.subject, serial: $0.serial.description, verdict: $0.verdict, reused: $0.reused,
                   replaced: $0.replaced?.description)
        }
        skipped = report.skipped.map { Skipped(subject: $0.subject, reason: $0.reason) }
        failures = report.rendering.failures.map { Failure(subject: $0.subject, document: $0.document, message: $0.message) }
        laterYears = report.laterYears.map {
            LaterYear(idNumber: $0.idNumber, year: $0.year, verdict: $0.after.verdict.word, summary: $0.summary)
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
