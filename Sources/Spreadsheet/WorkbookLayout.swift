import Records
import Rules

/// The workbook a unit fills in (`cedocs template xlsx`) and `cedocs import` reads: sheet 单位 (one
/// value a row), 人员 (a person a row: the 附件1 header fields), 继续教育 (an activity a row, joined to
/// its person by 公民身份号码). The closed sets come from the records' enums and the rules (`Policy`),
/// never a copy: a new kind or option in the rules appears in the template and the import at once.
public struct WorkbookLayout: Sendable {
    public static let unitSheet = "单位"
    public static let peopleSheet = "人员"
    public static let activitySheet = "继续教育"
    public static let instructionsSheet = "填表说明"
    /// Hidden: the lists the drop-downs offer (a list written into the validation itself may not pass 255 characters).
    static let listSheet = "选项"

    let policy: Policy
    let unitRows: [Column]
    let personColumns: [Column]
    let activityColumns: [Column]

    public init(policy: Policy = .xuzhou2007) {
        self.policy = policy
        unitRows = [
            // Keys are the JSON paths: the unit's columns sit beside the person's in the CSV layout.
            Column("unit.name", "单位名称", width: 40),
            Column("unit.nature", "单位性质", Self.choice(UnitNature.allCases.map(\.rawValue))),
            Column("unit.authority", "主管部门"),
            Column("unit.district", "所在地区", note: "市直或县（市）区"),
            Column("year", "审验年度", .integer),
            Column("unit.credit_code", "统一社会信用代码"),
            Column("unit.contact", "联系人及电话"),
            // 聘任周期 (细则二), for a unit that appoints its staff; a person's own, on sheet 人员, takes its place.
            Column("unit.appointment_cycle.first_year", "聘任周期起始年度", .integer, note: "实行聘任制的单位填写"),
            Column("unit.appointment_cycle.years", "聘任周期年数", .integer),
        ]
        personColumns = [
            Column("id_number", "公民身份号码", .idNumber, width: 22),
            Column("name", "姓名", width: 10),
            Column("gender", "性别", Self.choice(Gender.allCases.map(\.rawValue)), width: 6),
            Column("birth", "出生年月", .yearMonth, width: 10),
            Column("title", "专业技术职务（资格）名称", width: 16),
            Column("level", "职称级别", Self.choice(Level.allCases.map(\.rawValue)), width: 10),
            Column("education", "学历", width: 8),
            Column("major", "所学专业"),
            Column("field", "从事专业"),
            Column("purpose", "审验用途", Self.choice(AuditPurpose.allCases.map(\.rawValue)), width: 18),
            Column("certificate_no", "继续教育证书编号"),
            Column("photo", "照片", note: "文件路径"),
            Column("appointment_cycle.first_year", "本人聘任周期起始年度", .integer, note: "与单位不同时填写"),
            Column("appointment_cycle.years", "本人聘任周期年数", .integer, note: "与单位不同时填写"),
            Column("audit.agency", "审验机构", note: "审验机构填写", width: 22),
            Column("audit.date", "审验日期", .date, note: "审验机构填写", width: 12),
            Column("audit.override", "审验否决", .choice([("不合格", .string("fail"))]), note: "审验机构填写"),
            Column("audit.remarks", "审验意见", note: "审验机构填写"),
        ]
        activityColumns = [
            Column("id_number", "公民身份号码", .idNumber, width: 22),
            Column("name", "姓名", note: "核对用", width: 10),
            Column("start", "开始日期", .date, width: 12),
            Column("end", "结束日期", .date, width: 12),
            Column("content", "学习内容", width: 36),
            Column("form", "学习形式", note: "空则按类别"),
            Column("subject", "科目", .choice(Subject.allCases.map { ($0.chinese, .string($0.rawValue)) }), width: 8),
            Column("kind", "类别", .choice(policy.rules.map { ($0.name, .string($0.kind.rawValue)) }), width: 30),
            Column("hours", "学时", .number, note: "申报，可空", width: 10),
        ] + ParamColumns.make(policy) + [
            Column("assessment", "考核结果", width: 10),
            Column("provider", "施教机构", width: 28),
            Column("evidence", "证明材料"),
        ]
    }

    static func choice(_ labels: [String]) -> Column.Value {
        .choice(labels.map { ($0, .string($0)) })
    }

    /// The CSV layout: one file, a row per activity, with the unit's and the person's columns repeated
    /// on every row (a person without activities has one row with the activity columns empty).
    var flatColumns: [Column] {
        unitRows + personColumns + activityColumns.filter { $0.key != "id_number" && $0.key != "name" }
    }
}
