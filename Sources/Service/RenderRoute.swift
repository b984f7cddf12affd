import Documents
import Foundation
import Hummingbird
import Layout
import Logging
import Pipeline
import Records
import Rules

/// `POST /v1/render/{kind}`: the unit's 附件2 (`annual-audit`), or one person's 附件1
/// (`registration`) or certificate pages (`certificate`) as PDF when `?person=<公民身份号码>` names
/// them, else every valid person's in one ZIP (`people/<id>/<year>/<kind>.pdf`).
///
/// Each person is one call on the render pool; between people the request checks its time and its
/// client. A photo path in the records is never opened: a file on this server is not the client's
/// to print, so the certificate keeps its frame for a glued-in photo.
///
/// Every document is judged by the caller's rules (`Caller.rules`): an agency's with its registry's
/// ledger, a unit's of the year alone, said in the answer's `Cedocs-Note` header.
struct RenderRoute {
    let core: ServiceCore
    static let kinds: [String: DocumentKind] = [
        "registration": .registration, "annual-audit": .annualAudit, "certificate": .certificate,
    ]

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/v1/render/:kind") { request, context in
            let name = context.parameters.get("kind") ?? ""
            guard let kind = Self.kinds[name] else {
                throw ServiceError.notFound("没有“\(name)”这种文书：可选 registration（登记表）、annual-audit（年度审验表）、certificate（证书）。")
            }
            let person = request.uri.queryParameters.get("person")
            if kind == .annualAudit, person != nil {
                throw ServiceError(status: .badRequest, code: "bad_request",
                                   message: "年度审验表是单位的表，不按人员生成：请去掉 person 参数。")
            }
            return try await core.withRecords(request, context) { caller, loaded, budget in
                try caller.authorize(loaded.records.unit)
                let engine = try await rules(of: caller, for: loaded, context.logger)
                switch (kind, person) {
                case (.annualAudit, _): return try await annualAudit(loaded, engine)
                case (_, let id?): return try await one(kind, id: id, loaded, engine)
                case (_, nil): return try await all(kind, loaded, engine, budget)
                }
            }
        }
    }

    /// The rules `caller`'s documents of `loaded` are judged by, read on the pool (an agency's registry).
    func rules(of caller: Caller, for loaded: LoadedRecords, _ logger: Logger) async throws -> RulesEngine {
        try await core.pool.compute { try caller.rules(for: loaded, logger: logger) }
    }

    /// A laid-out and drawn document.
    struct PDF: Sendable {
        var bytes: [UInt8]
        var pages: Int
    }

    private func one(_ kind: DocumentKind, id: String, _ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> Response {
        let (person, source) = try Self.person(id, in: loaded)
        let pdf = try await self.person(kind, person, at: source, loaded, engine)
        return engine.noted(Self.response(Data(pdf.bytes), type: "application/pdf", file: "\(kind.rawValue)-\(id).pdf"))
    }

    /// The person of this ID number, and their index in the request's `people`.
    private static func person(_ id: String, in loaded: LoadedRecords) throws -> (Person, Int) {
        // A request's records are in memory and bounded (`limits.people`): decoded all at once.
        let people = try loaded.records.people.all()
        guard let index = people.firstIndex(where: { $0.idNumber == id }) else {
            if let rejected = loaded.rejected.first(where: { $0.idNumber == id }) {
                throw ServiceError.invalidRecords("此人的记录有误，请按所列位置更正后重新提交。", rejected.problems)
            }
            throw ServiceError.notFound("提交的记录中没有公民身份号码为 \(id) 的人员。")
        }
        return (people[index], loaded.sourceIndices[index])
    }

    /// The first page of the unit's 附件2 (`person` nil) or of one person's 附件1 as PNG, for the unit's
    /// page: laid out as for the PDF, and drawn from that display list by Render.
    func preview(_ kind: DocumentKind, person id: String?, _ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> Response {
        let (records, creator) = (loaded.records, core.creator)
        let path: String
        let data: @Sendable (DocumentBuilder, RulesEngine) -> DocumentData
        if let id {
            let (person, source) = try Self.person(id, in: loaded)
            (path, data) = ("people[\(source)]", Self.personData(kind, person, year: records.year))
        } else {
            (path, data) = ("unit", try Self.rosterData(loaded))
        }
        let png = try await core.pool.run { renderer in
            do throws(ProduceError) {
                return try renderer.preview(kind, data(DocumentBuilder(records: records, creator: creator), engine),
                                            dpi: Self.previewDPI)
            } catch {
                throw Self.refusal(error, kind, at: path)
            }
        }
        return engine.noted(Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                                     body: .init(byteBuffer: ByteBuffer(bytes: png))))
    }

    /// Enough to read a form's words on a screen, small enough for a page of many.
    static let previewDPI = 72.0

    private func all(_ kind: DocumentKind, _ loaded: LoadedRecords, _ engine: RulesEngine, _ budget: RequestBudget) async throws -> Response {
        try Self.refuseRejected(loaded)
        var zip = ZipFile()
        try await add([kind], of: loaded, to: &zip, engine, budget)
        try budget.check()
        let data = try await core.pool.compute { [zip] in try zip.data() }
        return engine.noted(Self.response(data, type: "application/zip", file: "\(kind.rawValue)-\(loaded.records.year).zip"))
    }

    /// Everything a unit prints, in one ZIP (the unit's page's download): every person's 附件1 and
    /// certificate pages as `all` files them, the print job (`registrations-<year>.pdf`) and 附件2
    /// (`annual-audit-<year>.pdf`).
    func everything(_ loaded: LoadedRecords, _ engine: RulesEngine, _ budget: RequestBudget) async throws -> Response {
        try Self.refuseRejected(loaded)
        var zip = ZipFile()
        let year = loaded.records.year
        try await add([.registration, .certificate], of: loaded, to: &zip, engine, budget)
        try budget.check()
        zip.add("registrations-\(year).pdf", Data(try await printJobPDF(loaded, engine).bytes))
        zip.add("annual-audit-\(year).pdf", Data(try await annualAuditPDF(loaded, engine).bytes))
        let data = try await core.pool.compute { [zip] in try zip.data() }
        return engine.noted(Self.response(data, type: "application/zip", file: "documents-\(year).zip"))
    }

    /// Each person's documents of `kinds` into `zip` (`people/<id>/<year>/<kind>.pdf`), checking the
    /// request's time and client between people.
    private func add(_ kinds: [DocumentKind], of loaded: LoadedRecords, to zip: inout ZipFile, _ engine: RulesEngine,
                     _ budget: RequestBudget) async throws {
        let records = loaded.records
        for (index, person) in try records.people.all().enumerated() {
            for kind in kinds {
                try budget.check()
                let pdf = try await self.person(kind, person, at: loaded.sourceIndices[index], loaded, engine)
                zip.add("people/\(person.idNumber)/\(records.year)/\(kind.fileName)", Data(pdf.bytes))
            }
        }
    }

    /// The unit's 附件2; also the unit's page's download.
    func annualAudit(_ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> Response {
        engine.noted(Self.response(Data(try await annualAuditPDF(loaded, engine).bytes), type: "application/pdf",
                                   file: "annual-audit-\(loaded.records.year).pdf"))
    }

    private func annualAuditPDF(_ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> PDF {
        try await draw(.annualAudit, loaded.records, at: "unit", engine, try Self.rosterData(loaded))
    }

    /// What the unit's 附件2 prints: every person's row, so every record must be usable.
    private static func rosterData(_ loaded: LoadedRecords) throws -> @Sendable (DocumentBuilder, RulesEngine) -> DocumentData {
        try refuseRejected(loaded)
        let year = loaded.records.year
        let people = try loaded.records.people.all()
        return { builder, engine in builder.annualAudit(Roster(people.lazy.map { RosterEntry($0, engine.assess($0, year: year)) })) }
    }

    /// Every person's 附件1 in one PDF, each on an odd page (登记表合订本, the `registrations.pdf` of
    /// `cedocs render`), for the unit's page. Photos are not printed, as in every document of the service.
    func printJob(_ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> Response {
        engine.noted(Self.response(Data(try await printJobPDF(loaded, engine).bytes), type: "application/pdf",
                                   file: "registrations-\(loaded.records.year).pdf"))
    }

    private func printJobPDF(_ loaded: LoadedRecords, _ engine: RulesEngine) async throws -> PDF {
        try Self.refuseRejected(loaded)
        let (records, creator) = (loaded.records, core.creator)
        let people = try records.people.all().map { person in
            var person = person
            person.photo = nil
            return person
        }
        return try await produce(.registration, at: "people") { renderer throws(ProduceError) in
            try renderer.printJob(records, people: people, creator: creator, engine: engine)
        }
    }

    /// `source`: the person's index in the request's `people`.
    private func person(_ kind: DocumentKind, _ person: Person, at source: Int, _ loaded: LoadedRecords,
                        _ engine: RulesEngine) async throws -> PDF {
        try await draw(kind, loaded.records, at: "people[\(source)]", engine, Self.personData(kind, person, year: loaded.records.year))
    }

    /// What a person's 附件1 or certificate prints; never the photo (a path on this server is not the client's).
    private static func personData(_ kind: DocumentKind, _ person: Person, year: Int)
        -> @Sendable (DocumentBuilder, RulesEngine) -> DocumentData {
        { builder, engine in
            let assessment = engine.assess(person, year: year)
            var data = kind == .registration ? builder.registration(person, assessment)
                : builder.certificate(person, assessment)
            data.images["person.photo"] = nil
            return data
        }
    }

    /// Builds, lays out and draws one document on the pool; a layout failure (text that does not fit,
    /// a character no font has) is the records' to fix: 422 at `path`.
    private func draw(_ kind: DocumentKind, _ records: RecordsFile, at path: String, _ engine: RulesEngine,
                      _ data: @escaping @Sendable (DocumentBuilder, RulesEngine) -> DocumentData) async throws -> PDF {
        let creator = core.creator
        return try await produce(kind, at: path) { renderer throws(ProduceError) in
            try renderer.produce(kind, data(DocumentBuilder(records: records, creator: creator), engine), to: .memory)
        }
    }

    /// `document` made on the pool, counted in the metrics; its layout failure is 422 at `path`.
    private func produce(_ kind: DocumentKind, at path: String,
                         _ document: @escaping @Sendable (DocumentRenderer) throws(ProduceError) -> ProducedDocument)
        async throws -> PDF {
        let pdf = try await core.pool.run { renderer in
            do throws(ProduceError) {
                let produced = try document(renderer)
                return PDF(bytes: produced.bytes, pages: produced.pages)
            } catch {
                throw Self.refusal(error, kind, at: path)
            }
        }
        core.metrics.pagesRendered(pdf.pages)
        return pdf
    }

    /// A layout failure (text that does not fit, a character no font has) is the records' to fix: 422 at `path`.
    private static func refusal(_ error: ProduceError, _ kind: DocumentKind, at path: String) -> ServiceError {
        guard case .layout(let layout) = error else { return .internalError("\(kind.chineseName)生成失败，请稍后重试。") }
        return ServiceError(status: .unprocessableContent, code: "layout_failed",
                            message: "\(kind.chineseName)无法排版，请按所列原因修改记录。",
                            problems: [.init(path: path, message: layout.description)])
    }

    /// Documents for the whole unit need every person's record to be valid.
    static func refuseRejected(_ loaded: LoadedRecords) throws(ServiceError) {
        guard loaded.rejected.isEmpty else {
            throw .invalidRecords("有 \(loaded.rejected.count) 人的记录有误，请按所列位置更正后重新提交。",
                                  loaded.rejected.flatMap(\.problems))
        }
    }

    static func response(_ data: Data, type: String, file: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
