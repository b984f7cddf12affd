/// The typed records of one employer unit for one audit year (`cedocs/records/1`).
///
/// Plain values only (people are read from the file one at a time, see `PersonList`): no knowledge
/// of rules or layout. `RecordsLoader` builds them from JSON
/// after validation, so every value here has already passed its checks.
public struct RecordsFile: Sendable {
    /// 审验年度: the year whose continuing education is audited.
    public var year: Int
    public var unit: EmployerUnit
    /// The people that passed validation, in file order.
    public var people: PersonList

    public init(year: Int, unit: EmployerUnit, people: PersonList) {
        self.year = year
        self.unit = unit
        self.people = people
    }

    public init(year: Int, unit: EmployerUnit, people: [Person]) {
        self.init(year: year, unit: unit, people: PersonList(people))
    }
}

/// 单位: the employer unit that submits the records.
public struct EmployerUnit: Sendable, Equatable, Encodable {
    /// 单位名称
    public var name: String
    /// 单位性质
    public var nature: UnitNature
    /// 主管部门
    public var authority: String
    /// 市直 or a county/district (县（市）区); decides the audit agency.
    public var district: String?
    /// 统一社会信用代码 (GB 32100)
    public var creditCode: String?
    /// 联系人 and phone, free text.
    public var contact: String?
    /// 聘任周期 of a unit that appoints its staff (细则二), for each person without their own.
    public var appointmentCycle: AppointmentCycle?

    public init(name: String, nature: UnitNature, authority: String, district: String? = nil,
                creditCode: String? = nil, contact: String? = nil, appointmentCycle: AppointmentCycle? = nil) {
        self.name = name
        self.nature = nature
        self.authority = authority
        self.district = district
        self.creditCode = creditCode
        self.contact = contact
        self.appointmentCycle = appointmentCycle
    }
}

/// 聘任周期: "单位实行专业技术人员职务聘任制的，继续教育的实施周期与职务聘任周期一致" (细则二).
public struct AppointmentCycle: Sendable, Equatable, Codable {
    /// The cycle's first audit year.
    public var firstYear: Int
    /// How many years it lasts.
    public var years: Int

    public init(firstYear: Int, years: Int) {
        self.firstYear = firstYear
        self.years = years
    }

    public var lastYear: Int { firstYear + years - 1 }

    public func contains(_ year: Int) -> Bool { year >= firstYear && year <= lastYear }

    enum CodingKeys: String, CodingKey { case firstYear = "first_year", years }
}

/// 单位性质
public enum UnitNature: String, Sendable, CaseIterable, Encodable {
    case administrativeOrgan = "行政机关"
    case publicInstitution = "事业单位"
    case enterprise = "企业"
    case socialOrganisation = "社会团体"
    case other = "其他"
}

/// 职称级别: decides the yearly requirement (高级/中级 72 hours, 初级 40).
public enum Level: String, Sendable, CaseIterable, Encodable {
    case senior = "高级"
    case intermediate = "中级"
    case junior = "初级"
}

/// 性别
public enum Gender: String, Sendable, CaseIterable, Encodable {
    case male = "男"
    case female = "女"
}

/// 审验用途
public enum AuditPurpose: String, Sendable, CaseIterable, Encodable {
    case qualification = "申报专业技术资格"
    case appointment = "聘任专业技术职务"
    case reRegistration = "职业资格再注册"
}

/// A professional (专业技术人员) and the year's activities.
public struct Person: Sendable, Equatable, Encodable {
    /// 公民身份号码, normalised (upper-case X). The key of the person's archive.
    public var idNumber: String
    /// 姓名; may hold characters outside the BMP and the middle dot of minority names.
    public var name: String
    /// 性别; when absent, the ID number's 17th digit tells.
    public var gender: Gender?
    /// 出生年月; when absent, the ID number tells.
    public var birth: YearMonth?
    /// 专业技术职务（资格）名称, e.g. 主治医师.
    public var title: String?
    public var level: Level
    /// 学历
    public var education: String?
    /// 所学专业
    public var major: String?
    /// 从事专业
    public var field: String?
    public var purpose: AuditPurpose?
    /// 继续教育证书编号
    public var certificateNo: String?
    /// Path of a 1-inch photo, relative to the records file.
    public var photo: String?
    public var activities: [Activity]
    /// Present once an audit agency (审验机构) has examined the person.
    public var audit: Audit?
    /// 聘任周期 (细则二): the person's own, or else the unit's.
    public var appointmentCycle: AppointmentCycle?

    public init(idNumber: String, name: String, gender: Gender? = nil, birth: YearMonth? = nil,
                title: String? = nil, level: Level, education: String? = nil, major: String? = nil,
                field: String? = nil, purpose: AuditPurpose? = nil, certificateNo: String? = nil,
                photo: String? = nil, activities: [Activity], audit: Audit? = nil,
                appointmentCycle: AppointmentCycle? = nil) {
        self.idNumber = idNumber
        self.name = name
        self.gender = gender
        self.birth = birth
        self.title = title
        self.level = level
        self.education = education
        self.major = major
        self.field = field
        self.purpose = purpose
        self.certificateNo = certificateNo
        self.photo = photo
        self.activities = activities
        self.audit = audit
        self.appointmentCycle = appointmentCycle
    }
}

/// 科目: 公共科目 or 专业科目.
public enum Subject: String, Sendable, CaseIterable, Encodable {
    case `public` = "public"
    case professional = "professional"

    /// The word printed on the forms.
    public var chinese: String { self == .public ? "公共" : "专业" }
}

/// The recognition rule of 学时认定实施细则 section 四 that applies to an activity.
public enum ActivityKind: String, Sendable, CaseIterable, Encodable {
    case baseTraining = "base_training"
    case instituteTraining = "institute_training"
    case degreeStudy = "degree_study"
    case advancedSeminar = "advanced_seminar"
    case academicMeeting = "academic_meeting"
    case visitingStudy = "visiting_study"
    case selfTaughtExam = "self_taught_exam"
    case paper = "paper"
    case book = "book"
    case translation = "translation"
    case report = "report"
    case award = "award"
    case acceptance = "acceptance"
    case patent = "patent"
    case newTechnology = "new_technology"
    case selfStudy = "self_study"
    case teaching = "teaching"
    case qualificationExam = "qualification_exam"
    case distanceLearning = "distance_learning"
}

/// One continuing-education activity as the record gives it.
public struct Activity: Sendable, Equatable, Encodable {
    public var subject: Subject
    public var kind: ActivityKind
    /// 学习内容
    public var content: String
    /// 学习形式 as printed; when absent the rules give a default from the kind.
    public var form: String?
    public var start: CalendarDate
    public var end: CalendarDate
    /// 学时 claimed; nil when the record leaves it to the rules.
    public var hours: Double?
    /// 施教机构 / organiser / journal.
    public var provider: String?
    /// 考核结果, e.g. 合格 or 85分.
    public var assessment: String?
    /// 证明材料
    public var evidence: String?
    /// The facts the rule needs (days, scope, level, rank, …).
    public var params: ActivityParams

    public init(subject: Subject, kind: ActivityKind, content: String, form: String? = nil,
                start: CalendarDate, end: CalendarDate, hours: Double? = nil, provider: String? = nil,
                assessment: String? = nil, evidence: String? = nil, params: ActivityParams = ActivityParams()) {
        self.subject = subject
        self.kind = kind
        self.content = content
        self.form = form
        self.start = start
        self.end = end
        self.hours = hours
        self.provider = provider
        self.assessment = assessment
        self.evidence = evidence
        self.params = params
    }
}

/// The `params` object of an activity: the schema's named facts, typed, and any other keys kept as given.
public struct ActivityParams: Sendable, Equatable, Encodable {
    /// Calendar days attended.
    public var days: Int?
    public var months: Double?
    /// international | national | provincial | municipal
    public var scope: String?
    public var abroad: Bool?
    /// Courses or subjects passed.
    public var courses: Int?
    /// Journal, award or technology level.
    public var level: String?
    /// Award grade 1, 2, …
    public var grade: Int?
    /// Author, recipient or collaborator rank.
    public var rank: Int?
    /// Characters of a book, translation or report.
    public var chars: Int?
    public var taughtHours: Double?
    public var approvedHours: Double?
    /// case_report | abstract | conference_read | conference_abstract
    public var variant: String?
    /// Keys the schema does not name (additionalProperties), as JSON values.
    public var other: [String: JSONValue]

    public init(days: Int? = nil, months: Double? = nil, scope: String? = nil, abroad: Bool? = nil,
                courses: Int? = nil, level: String? = nil, grade: Int? = nil, rank: Int? = nil,
                chars: Int? = nil, taughtHours: Double? = nil, approvedHours: Double? = nil,
                variant: String? = nil, other: [String: JSONValue] = [:]) {
        self.days = days
        self.months = months
        self.scope = scope
        self.abroad = abroad
        self.courses = courses
        self.level = level
        self.grade = grade
        self.rank = rank
        self.chars = chars
        self.taughtHours = taughtHours
        self.approvedHours = approvedHours
        self.variant = variant
        self.other = other
    }
}

/// The examination of an audit agency (审验机构).
public struct Audit: Sendable, Equatable, Encodable {
    /// 审验机构 name.
    public var agency: String
    /// 审验日期
    public var date: CalendarDate
    /// `override: fail`: the agency turns a pass into a fail (e.g. false materials found).
    public var overrideFail: Bool
    /// 审验意见 remarks printed after the verdict.
    public var remarks: String?

    public init(agency: String, date: CalendarDate, overrideFail: Bool = false, remarks: String? = nil) {
        self.agency = agency
        self.date = date
        self.overrideFail = overrideFail
        self.remarks = remarks
    }
}
