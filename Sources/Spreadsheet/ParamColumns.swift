import Records
import Rules

/// The `params` columns of sheet 继续教育, read off the rules: which facts each rule's measure needs,
/// and for a closed set its options' labels. The header says which kinds use the column (by their
/// 学习形式), so that the clerk fills only what the row's 类别 needs.
enum ParamColumns {
    /// The Chinese name and value type of every param a measure can ask for, in the template's order.
    private static let named: [(key: String, name: String, value: Column.Value)] = [
        ("approved_hours", "批准学时", .number),
        ("days", "天数", .integer),
        ("months", "月数", .number),
        ("courses", "通过课程数", .integer),
        ("chars", "字数", .integer),
        ("taught_hours", "授课学时", .number),
        ("grade", "奖励等级", .integer),
        ("rank", "排名", .integer),
        ("graduated", "已毕业", .choice([("是", .bool(true)), ("否", .bool(false))])),
    ]

    /// The Chinese names of the params chosen from the rules' options.
    private static let choiceNames = ["scope": "会议范围", "level": "级别", "abroad": "进修地点", "variant": "论文类型"]

    /// The params a rule reads, with the options of those it chooses by.
    static func uses(_ rule: Rule, _ policy: Policy) -> [(key: String, options: [(label: String, value: OrderedJSON)])] {
        func choice<V>(_ choice: Choice<V>) -> [(key: String, options: [(label: String, value: OrderedJSON)])] {
            guard let param = choice.param else { return [] }
            // `abroad` is a boolean: its options are 国内 (false) and 出国 (true).
            return [(param.rawValue, choice.options.map {
                ($0.label, param == .abroad ? .bool($0.key == "abroad") : .string($0.key))
            })]
        }
        var uses: [(key: String, options: [(label: String, value: OrderedJSON)])]
        switch rule.measure {
        case .approvedHours: uses = [("approved_hours", [])]
        case .perTime(let rate): uses = [(rate.unit == .day ? "days" : "months", [])] + choice(rate.rates)
        case .degreeStudy: uses = [("graduated", [])]
        case .perCourse: uses = [("courses", [])]
        case .perChars: uses = [("chars", [])]
        case .paper(let paper):
            uses = choice(paper.levels) + [("variant", paper.variants.map { ($0.label, .string($0.key)) })]
        case .graded(let graded): uses = choice(graded.levels) + [("grade", []), ("rank", [])]
        case .fixed(let rates, let maxRank): uses = choice(rates) + (maxRank != nil ? [("rank", [])] : [])
        case .assessedRange: uses = []
        case .multiple: uses = [("taught_hours", [])]
        }
        if policy.sameProject.kinds.contains(rule.kind) { uses.append((policy.sameProject.keyParam, [])) }
        return uses
    }

    static func make(_ policy: Policy) -> [Column] {
        var users: [String: [String]] = [:]
        var options: [String: [(label: String, value: OrderedJSON)]] = [:]
        var order: [String] = []
        for rule in policy.rules {
            for use in uses(rule, policy) {
                if users[use.key] == nil { order.append(use.key) }
                if !users[use.key, default: []].contains(rule.defaultForm) { users[use.key, default: []].append(rule.defaultForm) }
                for option in use.options where !options[use.key, default: []].contains(where: { $0.label == option.label }) {
                    options[use.key, default: []].append(option)
                }
            }
        }
        // The named params first in their fixed order, then those the rules choose by, as they come.
        let keys = named.map(\.key).filter { users[$0] != nil } + order.filter { key in !named.contains { $0.key == key } }
        return keys.map { key in
            let note = users[key, default: []].joined(separator: "、")
            if let param = named.first(where: { $0.key == key }) {
                return Column("params." + key, param.name, param.value, note: note, width: 12)
            }
            if let choices = options[key], !choices.isEmpty {
                return Column("params." + key, choiceNames[key] ?? key, .choice(choices), note: note, width: 24)
            }
            return Column("params." + key, key == policy.sameProject.keyParam ? "项目名称" : key, note: note, width: 20)
        }
    }
}
