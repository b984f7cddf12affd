import Records
import Rules

/// Sheet 填表说明: how to fill the workbook in, written from the rules in force (the requirement, each
/// kind's clause and the columns it needs), so it never says other than what `check` applies.
enum FillInInstructions {
    static func lines(_ layout: WorkbookLayout) -> [String] {
        let policy = layout.policy
        let requirement = policy.requirement
        let hours = { (level: Level) in HoursFormat.string(requirement.total(for: level)) }
        var lines = [
            "填表说明",
            "本登记表供单位汇总本单位专业技术人员的继续教育记录，按 \(policy.source) 认定学时。填好后用 cedocs import 或 cedocs check 读取；"
                + "每个问题都会指出所在的工作表和单元格（如 继续教育!F12）。",
            "一、“\(WorkbookLayout.unitSheet)”表：在 B 列逐项填写单位信息和审验年度（上一年度）。",
            "二、“\(WorkbookLayout.peopleSheet)”表：每人一行。公民身份号码列已设为文本格式，请直接输入 18 位号码；"
                + "如从别处粘贴，请用“选择性粘贴—数值”，不要把这一列改成数字格式（Excel 只保留 15 位有效数字，末几位会变成 0）。",
            "三、“\(WorkbookLayout.activitySheet)”表：每项学习活动一行，用公民身份号码对应到人员表中的人；姓名列只作核对。",
            "四、日期可写成 2016-03-01、2016/3/1、2016.3.1 或 2016年3月1日；带下拉箭头的列请从列表中选择。",
            "五、每年应修学时：高级、中级 \(hours(.senior)) 学时，初级 \(hours(.junior)) 学时，"
                + "其中公共科目不少于 \(HoursFormat.string(requirement.yearlyPublic)) 学时。学时列可空，空则按规则认定。",
            "六、各类别需填写的列（细则条款）：",
        ]
        let headers = Dictionary(layout.activityColumns.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        for rule in policy.rules {
            let needs = ParamColumns.uses(rule, policy).compactMap { headers["params." + $0.key] }
            lines.append("    \(rule.name)（\(policy.clausePrefix)\(rule.clause)）：" + (needs.isEmpty ? "无需另填" : needs.joined(separator: "、")))
        }
        lines.append("七、审验机构、审验日期、审验否决、审验意见各列由审验机构填写，单位不必填写。")
        lines.append("八、实行专业技术人员职务聘任制的单位，在“\(WorkbookLayout.unitSheet)”表填写聘任周期的起始年度和年数（细则二：周期内学习时间"
            + "可以集中使用，也可以分散使用）；本人聘任周期与单位不同的，在“\(WorkbookLayout.peopleSheet)”表本人的两列填写。")
        return lines
    }
}
