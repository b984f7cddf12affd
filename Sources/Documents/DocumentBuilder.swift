import Layout
import Records
import Rules

/// Turns a unit's records and the rules' assessments into the data each template is filled with.
/// Every field a template may name is always present (empty when the record has nothing), so a
/// misspelt field in a template is caught as an error rather than printed blank.
public struct DocumentBuilder: Sendable {
    public let records: RecordsFile
    /// Written into each PDF's Creator.
    public let creator: String

    public init(records: RecordsFile, creator: String) {
        self.records = records
        self.creator = creator
    }

    /// 附件1 电子登记表 of one person; stamped when an agency gives its `stamp`.
    public func registration(_ person: Person, _ assessment: PersonAssessment, stamp: AgencyStamp? = nil) -> DocumentData {
        // Only activities that count toward the audit year belong on the year's form; the rules
        // report the others (check shows them).
        // Credits from earlier years follow as rows of their own, so that the 学时 column adds up to 合计.
        let rows = zip(person.activities, assessment.activities).filter { $0.1.counted }.map(activityRow)
            + assessment.credits.map { creditRow($0, assessment) }
        return DocumentData(fields: personFields(person, assessment), tables: ["activities": activityTable(rows)],
                            subject: person.subject,
                            metadata: metadata(.registration, about: person)).stamped(stamp)
    }

    /// 继续教育证书 pages of one person: every registered activity, and the year's annual page (which
    /// the agency's `stamp` stamps).
    public func certificate(_ person: Person, _ assessment: PersonAssessment, stamp: AgencyStamp? = nil) -> DocumentData {
        let rows = zip(person.activities, assessment.activities).map(activityRow)
        var images: [String: String] = [:]
        if let photo = person.photo { images["person.photo"] = photo }
        return DocumentData(fields: personFields(person, assessment), tables: ["activities": activityTable(rows)], images: images,
                            subject: person.subject,
                            metadata: metadata(.certificate, about: person)).stamped(stamp)
    }

    /// 附件2 年度审验表 of the unit: one roster row per person, in file order; stamped when an agency
    /// gives its `stamp`.
    public func annualAudit(_ people: Roster, stamp: AgencyStamp? = nil) -> DocumentData {
        let rows = TableRows(count: people.count, amountFormat: HoursFormat.string, failure: { people.readFailure }) { index in
            let entry = people[index]
            return TableRow(text: ["no": String(index + 1), "name": entry.name, "id_number": entry.idNumber,
                                   "title_level": entry.titleAndLevel, "result": entry.result(stamped: stamp != nil)],
                            amounts: ["public_hours": entry.publicHours, "professional_hours": entry.professionalHours,
                                      "total_hours": entry.totalHours])
        }
        var fields = unitFields()
        fields.merge(Self.blankOpinions) { $1 }
        return DocumentData(fields: fields, tables: ["roster": rows], subject: "单位“\(records.unit.name)”",
                            metadata: DocumentMetadata(
                                title: "\(records.unit.name) \(records.year)年度继续教育年度审验表",
                                author: records.unit.name, subject: "\(records.year)年度专业技术人员继续教育年度验审",
                                keywords: records.unit.creditCode ?? "", creator: creator, date: nil))
            .stamped(stamp)
    }

    /// An activity's row. The hours are those of the activity's own year: a part carried to the next
    /// year (细则四(二)…(六)) is named in the content and shows there as 上年度结转.
    private func activityRow(_ activity: Activity, _ recognised: RecognisedHours) -> TableRow {
        let carried = recognised.carriedHours > 0
        let content = carried
            ? "\(activity.content)（认定\(HoursFormat.string(recognised.hours))学时，其中\(HoursFormat.string(recognised.carriedHours))学时结转\(activity.end.year + 1)年度）"
            : activity.content
        return TableRow(text: [
            "period": Formatting.period(activity.start, activity.end),
            "content": content,
            "form": recognised.form,
            "subject": activity.subject.chinese,
            "assessment": activity.assessment ?? "",
            "provider": activity.provider ?? "",
            // Left blank for the registering unit's stamp (登记单位（盖章）).
            "stamp": "",
        ], amounts: ["hours": carried ? recognised.hours - recognised.carriedHours : recognised.hours])
    }

    /// A credit from an earlier year on the year's 附件1: 上年度结转 or 学历教育, naming the activity,
    /// its year and the clause.
    private func creditRow(_ credit: LedgerCredit, _ assessment: PersonAssessment) -> TableRow {
        TableRow(text: [
            "period": "\(credit.sourceYear)年度",
            "content": assessment.creditLine(credit),
            // The content names it 上年度结转 in full; the narrow 学习形式 column says 结转.
            "form": credit.reason == .carryOver ? "结转" : credit.label,
            "subject": credit.subject.chinese,
            "assessment": "",
            "provider": "",
            "stamp": "",
        ], amounts: ["hours": credit.hours])
    }

    /// Hours in tables are amounts, printed as every other hour of the forms is.
    private func activityTable(_ rows: [TableRow]) -> TableRows {
        TableRows(rows, amountFormat: HoursFormat.string)
    }

    private func unitFields() -> [String: String] {
        [
            "year": String(records.year),
            "unit.name": records.unit.name,
            "unit.nature": records.unit.nature.rawValue,
            "unit.authority": records.unit.authority,
            "unit.district": records.unit.district ?? "",
        ]
    }

    func personFields(_ person: Person, _ assessment: PersonAssessment) -> [String: String] {
        var fields = unitFields()
        fields["person.name"] = person.name
        fields["person.gender"] = Formatting.gender(person)
        fields["person.birth"] = Formatting.birth(person)
        fields["person.id_number"] = person.idNumber
        fields["person.title"] = person.title ?? ""
        fields["person.level"] = person.level.rawValue
        fields["person.title_level"] = Formatting.titleAndLevel(person)
        fields["person.education"] = person.education ?? ""
        fields["person.major"] = person.major ?? ""
        fields["person.field"] = person.field ?? ""
        fields["person.certificate_no"] = person.certificateNo ?? ""
        fields["person.purpose"] = person.purpose?.rawValue ?? ""
        fields["hours.public"] = HoursFormat.string(assessment.publicHours)
        fields["hours.professional"] = HoursFormat.string(assessment.professionalHours)
        fields["hours.total"] = HoursFormat.string(assessment.totalHours)
        fields["hours.required"] = HoursFormat.string(assessment.requiredTotal)
        let split = CreditSplit(assessment)
        fields["hours.own"] = HoursFormat.string(split.own)
        fields["hours.carried"] = HoursFormat.string(split.carried)
        fields["hours.degree"] = HoursFormat.string(split.degree)
        fields["hours.credits"] = split.lines.isEmpty ? "无" : split.lines.joined(separator: "；")
        // 聘任周期 (细则二): which cycle and its hours so far, when the cycle decided the year's hours.
        fields["cycle.note"] = assessment.cycleLine ?? Self.judgedAlone
        fields.merge(Self.blankOpinions) { $1 }
        return fields
    }

    /// `cycle.note` when no 聘任周期 decided the year's hours.
    static let judgedAlone = "按本年度学时审验"

    /// The unit's and the agency's opinion boxes as a form leaves them for the hand. The agency's is
    /// filled only by its stamp (`stamped`): an `audit` in the records is not the agency's word.
    static let blankOpinions = ["opinion.unit": "", "date.unit": "", "opinion.agency": "", "serial.agency": "", "date.agency": ""]

    func metadata(_ kind: DocumentKind, about person: Person) -> DocumentMetadata {
        DocumentMetadata(
            title: "\(person.name) \(records.year)年度\(kind.chineseName)",
            author: records.unit.name,
            subject: "\(records.year)年度专业技术人员继续教育年度验审",
            keywords: person.idNumber,
            creator: creator,
            date: person.audit.map { "\($0.date.description)T00:00:00" })
    }
}
