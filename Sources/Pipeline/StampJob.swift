import Archive
import Documents
import Foundation
import Layout
import Records
import Registry
import Render
import Rules
import Stamping

/// Stamps a unit's records as an audit agency (`cedocs stamp`). For every person the agency has
/// examined whose record the rules accept: the stamped 附件1 (registration.pdf) and certificate pages
/// (certificate.pdf), then the result sheet (result.pdf) whose QR code carries the signature over
/// the result — which covers the other two files' SHA-256 — all in the person's folder, replacing
/// the unstamped files there. Then the unit's stamped 附件2 (annual-audit.pdf), once every person
/// on it has a result. The unit's print job (registrations.pdf) is the unit's own and is left alone.
///
/// Every result goes into the registry in one transaction: a run that dies records nothing, and
/// the files it wrote carry serials that `cedocs verify` does not know; running it again writes the
/// same files and records them. Re-stamping unchanged records reuses each serial and its stored
/// signature, so the files come out byte for byte the same.
public final class StampJob {
    let renderer: RenderJob
    let profile: AgencyProfile
    let key: AgencyKey
    let registry: Registry

    public init(renderer: RenderJob, profile: AgencyProfile, key: AgencyKey, registry: Registry) {
        self.renderer = renderer
        self.profile = profile
        self.key = key
        self.registry = registry
    }

    /// Throws when the whole run is refused: a unit outside the agency's districts, or a registry
    /// that cannot be written (then nothing is recorded). With `archive`, every file is recorded in
    /// the archive's manifest, each result sheet with its result (for the spot check, 抽检).
    public func run(_ loaded: LoadedRecords, recordsFolder: URL, options: RenderOptions,
                    archive: ArchiveRun? = nil) throws(StampingError) -> StampReport {
        let records = loaded.records
        guard profile.serves(records.unit.district) else {
            let district = records.unit.district.map { "属于“\($0)”" } ?? "未写明所属地区（unit.district）"
            throw StampingError("单位“\(records.unit.name)”\(district)，不在\(profile.name)的审验范围"
                                + "（\(profile.districts.joined(separator: "、"))）内：不能盖章。")
        }
        let run = Run(job: self, records: records, options: options,
                      builder: DocumentBuilder(records: records, creator: options.creator), recording: archive)
        do {
            return try registry.run { registryRun in
                try run.stampAll(loaded, recordsFolder: recordsFolder, in: registryRun)
            }
        } catch let error as StampingError {
            throw error
        } catch let error as RegistryError {
            throw StampingError(error.message, storageFull: error.storageFull)
        } catch {
            throw StampingError("\(error)")
        }
    }
}

/// One stamp run's fixed inputs.
private struct Run {
    let job: StampJob
    let records: RecordsFile
    let options: RenderOptions
    let builder: DocumentBuilder
    let recording: ArchiveRun?

    var profile: AgencyProfile { job.profile }
    var archive: ArchiveLayout { ArchiveLayout(root: options.output) }

    /// What the agency puts on a document issued under `serial`.
    func stamp(_ serial: Serial) -> AgencyStamp {
        AgencyStamp(serial: serial.description,
                    seal: profile.seal.map { SealImage(path: $0.path, diameter: profile.sealDiameter) })
    }
    func stampAll(_ loaded: LoadedRecords, recordsFolder: URL, in registry: RegistryRun) throws -> StampReport {
        var report = StampReport()
        var roster: [RosterEntry] = []
        var results: [Serial] = []
        for index in records.people.indices {
            // A records file edited in place meanwhile stops the run: nothing of it is recorded.
            let person = try records.people.person(at: index)
            let assessment = job.renderer.engine.assess(person, year: records.year)
            roster.append(RosterEntry(person, assessment))
            let subject = "\(person.name)（\(person.idNumber)）"
            guard let audit = person.audit else {
                report.skipped.append(.init(subject: subject, reason: "尚未审验（记录中没有 audit），不出具结果"))
                continue
            }
            guard audit.agency == profile.name else {
                report.skipped.append(.init(subject: subject,
                                            reason: "记录中的审验机构是“\(audit.agency)”，不是“\(profile.name)”"))
                continue
            }
            guard !assessment.hasErrors else {
                report.skipped.append(.init(subject: subject, reason: "记录有误，须先更正（cedocs check 可查看）："
                                            + assessment.errors.joined(separator: "；")))
                continue
            }
            // Validated ID numbers always make a folder.
            guard let folder = archive.personFolder(id: person.idNumber, year: records.year) else { continue }
            if let serial = try stampPerson(person, assessment, subject: subject, folder: folder,
                                            recordsFolder: recordsFolder, registry: registry, report: &report) {
                results.append(serial)
            }
        }
        try stampRoster(roster, results: results, rejected: loaded.rejected.count, registry: registry, report: &report)
        return report
    }

    /// The person's three stamped files and result; nil when a file could not be made (reported).
    private func stampPerson(_ person: Person, _ assessment: PersonAssessment, subject: String, folder: URL,
                             recordsFolder: URL, registry: RegistryRun, report: inout StampReport) throws -> Serial? {
        let personDigest = recording.map { $0.digest.person(person, of: records) }
        func origin(_ kind: DocumentKind, _ serial: Serial, result: IssuedResultRecord? = nil) -> FileOrigin {
            FileOrigin(person: person.idNumber, unit: records.unit.name, year: records.year, kind: kind.rawValue,
                       input: recording.map { $0.digest.document(kind, person: personDigest!, extra: stampInput(serial)) },
                       result: result)
        }
        let pending = try issue(.person, subject: person.idNumber, registry: registry, report: &report) { serial, rendering in
            let stamp = self.stamp(serial)
            var certificate = builder.certificate(person, assessment, stamp: stamp)
            job.renderer.resolvePhoto(&certificate, person: person, recordsFolder: recordsFolder, report: &rendering)
            guard let registration = write(.registration, builder.registration(person, assessment, stamp: stamp),
                                           into: folder, origin: origin(.registration, serial), report: &rendering),
                  let certificate = write(.certificate, certificate, into: folder, origin: origin(.certificate, serial),
                                          report: &rendering) else { return nil }
            let content = ResultContent.person(serial: serial, agencyName: profile.name,
                                               unit: records.unit.name, person: person, assessment: assessment,
                                               registrationSHA256: registration.sha256,
                                               certificateSHA256: certificate.sha256)
            return (content, [registration, certificate])
        }
        guard let pending else { return nil }
        let signed = pending.signed
        let url = signed.verificationURL(base: profile.verifyBase)
        guard let code = QREncoder.matrix(for: url) else {
            report.rendering.failures.append(.init(subject: subject, document: DocumentKind.result.chineseName,
                                                   message: "查询网址过长，无法编成二维码：\(url)"))
            return nil
        }
        let data = builder.result(person, assessment, stamp: stamp(pending.serial), checkCode: signed.checkCode,
                                  verifyBase: profile.verifyBase, code: code)
        let verdict = assessment.verdict.isPass ? "合格" : "不合格"
        let result = IssuedResultRecord(serial: pending.serial.description, agency: profile.code, agencyName: profile.name,
                                        verdict: verdict, maskedName: Masking.name(person.name),
                                        maskedID: Masking.idNumber(person.idNumber))
        guard let sheet = write(.result, data, into: folder, origin: origin(.result, pending.serial, result: result),
                                report: &report.rendering) else { return nil }
        try record(pending, documents: pending.documents + [sheet], subject: subject, key: person.idNumber,
                   verdict: verdict, registry: registry, report: &report)
        return pending.serial
    }

    /// The unit's stamped 附件2, when every person on it has a result from this run.
    private func stampRoster(_ roster: [RosterEntry], results: [Serial], rejected: Int,
                             registry: RegistryRun, report: inout StampReport) throws {
        let unit = records.unit.name
        let subject = "单位“\(unit)”的\(DocumentKind.annualAudit.chineseName)"
        guard rejected == 0, !roster.isEmpty, results.count == roster.count else {
            let reason = rejected > 0 ? "有 \(rejected) 人的记录有误未受理，表中名单不全"
                : roster.isEmpty ? "表中没有人员" : "表中有 \(roster.count - results.count) 人未出具结果（见上）"
            report.skipped.append(.init(subject: subject, reason: reason + "；全部人员出具结果后再盖章"))
            return
        }
        let folder = archive.unitFolder(name: unit, year: records.year)
        let passed = roster.filter(\.passed).count
        let pending = try issue(.roster, subject: unit, registry: registry, report: &report) { serial, rendering in
            let origin = FileOrigin(unit: unit, year: records.year, kind: DocumentKind.annualAudit.rawValue,
                                    input: recording.map {
                                        $0.digest.unit(DocumentKind.annualAudit.rawValue + " " + stampInput(serial).joined(separator: " "),
                                                       kinds: [.annualAudit], recordsFile: $0.recordsFile)
                                    })
            guard let table = write(.annualAudit, builder.annualAudit(roster, stamp: stamp(serial)), into: folder,
                                    origin: origin, report: &rendering) else { return nil }
            let content = ResultContent.roster(serial: serial, agencyName: profile.name, unit: unit,
                                               date: roster.compactMap(\.auditDate).max()!, passed: passed,
                                               failed: roster.count - passed, results: results,
                                               annualAuditSHA256: table.sha256)
            return (content, [table])
        }
        guard let pending else { return }
        try record(pending, documents: pending.documents, subject: subject, key: unit,
                   verdict: "\(passed)人合格，\(roster.count - passed)人不合格", registry: registry, report: &report)
    }

    /// A result signed but not yet recorded, with the files its signature covers.
    struct Pending {
        var signed: SignedResult
        var documents: [IssuedDocument]
        /// The result in force before, when this one is new.
        var replacing: Serial?
        var reused: Bool
        var serial: Serial { signed.content.serial! }
    }

    /// Renders the files a result covers, stamped with the serial in force for `key` (a person's ID
    /// number or a unit's name); if the content they make is the one signed before, that result is
    /// reused as it is, else they are rendered again under the next serial and signed anew.
    private func issue(_ kind: ResultContent.Kind, subject key: String, registry: RegistryRun, report: inout StampReport,
                       render: (Serial, inout RenderReport) -> (ResultContent, [IssuedDocument])?) throws -> Pending? {
        let year = records.year
        let current = try registry.current(agency: profile.code, year: year, kind: kind, subject: key)
        var serial = try current?.serial ?? registry.nextSerial(agency: profile.code, year: year)
        while true {
            // Only the last attempt's files count in the report: an earlier one was overwritten.
            var rendering = RenderReport()
            let made = render(serial, &rendering)
            guard let (content, documents) = made else {
                report.rendering.failures += rendering.failures
                return nil
            }
            if let current, current.serial == serial {
                guard current.signed.content != content else {
                    report.rendering.merge(rendering)
                    return Pending(signed: current.signed, documents: documents, replacing: nil, reused: true)
                }
                serial = try registry.nextSerial(agency: profile.code, year: year)
                continue
            }
            report.rendering.merge(rendering)
            return Pending(signed: try job.key.sign(content), documents: documents,
                           replacing: current?.serial, reused: false)
        }
    }

    private func record(_ pending: Pending, documents: [IssuedDocument], subject: String, key: String, verdict: String,
                        registry: RegistryRun, report: inout StampReport) throws {
        if !pending.reused { try registry.record(pending.signed, subject: key, replacing: pending.replacing) }
        for document in documents { try registry.record(document, of: pending.serial) }
        report.issued.append(.init(subject: subject, serial: pending.serial, verdict: verdict, reused: pending.reused,
                                   replaced: pending.replacing))
    }

    /// What a stamped document is made from beyond its record: the serial, the agency and its seal.
    func stampInput(_ serial: Serial) -> [String] {
        ["stamp \(serial)", "agency \(profile.code) \(profile.name)",
         "seal \(profile.seal.flatMap { FileDigest.measure($0)?.sha256 } ?? "none") \(profile.sealDiameter)"]
    }

    /// Renders and writes one stamped document, recorded in the archive; its kind and SHA-256, or nil
    /// when it failed (reported).
    private func write(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, origin: FileOrigin,
                       report: inout RenderReport) -> IssuedDocument? {
        var written = false
        ArchiveRun.write(folder.appendingPathComponent(kind.fileName), origin, in: recording, subject: data.subject,
                         document: kind.chineseName, report: &report) { report in
            guard let pages = job.renderer.renderStreamed(kind, data, into: folder, options: options, report: &report) else {
                return nil
            }
            written = true
            return options.png ? pages : 0
        }
        guard written, let sha256 = DocumentDigest.sha256(of: folder.appendingPathComponent(kind.fileName)) else { return nil }
        return IssuedDocument(kind: kind.rawValue, sha256: sha256)
    }
}
