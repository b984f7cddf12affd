import Records

// What the per-family calculators share: their input, their output, reading params, checking claims.

/// One activity under one rule, for one person's level and one audit year.
struct RuleContext {
    let policy: Policy
    let rule: Rule
    let activity: Activity
    let level: Level
    let year: Int

    var params: ActivityParams { activity.params }
    var claim: Double? { activity.hours }
}

/// A calculator's answer, before the engine adds the clause and the year.
struct Outcome {
    var hours: Double
    /// The explanation up to the clause, e.g. `全国性学术会议 3天×12学时 = 36学时`.
    var text: String
    var errors: [String] = []
    var warnings: [String] = []
    /// Set by a rule that decides the year itself (degree study); nil means the end-date rule.
    var counted: Bool? = nil
    /// Why the activity is not counted this year, when the rule decided that.
    var yearNote: String? = nil

    /// Nothing recognised because the record lacks what the rule needs.
    static func refused(_ context: RuleContext, _ error: String) -> Outcome {
        Outcome(hours: 0, text: "\(context.rule.name)：\(error)，不认定学时", errors: [error])
    }

    /// Where the rule fixes the number, a different claim is an error and the rule's value stays.
    mutating func checkFixedClaim(_ claim: Double?) {
        guard let claim, !Hours.same(claim, hours) else { return }
        errors.append("申报学时 \(HoursFormat.string(claim)) 与认定学时 \(HoursFormat.string(hours)) 不符")
    }
}

/// Hours chosen inside a range from the claim: the claim when inside, else the lower end.
struct RangePick {
    var hours: Double
    /// `申报14学时`, `未申报学时，按下限`, …
    var phrase: String
    var error: String?

    init(_ range: HourRange, claim: Double?) {
        let span = "\(HoursFormat.string(range.low))–\(HoursFormat.string(range.high))"
        guard let claim else {
            hours = range.low
            phrase = "未申报学时，按下限"
            return
        }
        if range.contains(claim) {
            hours = Hours.round(claim)
            phrase = "申报\(HoursFormat.string(claim))学时"
        } else {
            // An out-of-range claim is an error; the lower end is what the record proves for certain.
            hours = range.low
            phrase = "申报\(HoursFormat.string(claim))学时不在范围内，按下限"
            error = "申报学时 \(HoursFormat.string(claim)) 不在 \(span) 学时范围内，按下限 \(HoursFormat.string(range.low)) 学时认定"
        }
    }
}

extension HourRange {
    /// `12–16学时`
    var text: String { "\(HoursFormat.string(low))–\(HoursFormat.string(high))学时" }
}

extension Choice {
    /// The option the activity's param selects, or the message saying why none is.
    func select(_ params: ActivityParams) -> (option: Option<Value>?, error: String?) {
        guard let param else { return (options.first, nil) }
        let key: String?
        switch param {
        case .scope: key = params.scope
        case .level: key = params.level
        case .abroad: key = (params.abroad ?? false) ? "abroad" : "domestic"
        }
        let allowed = options.map { "\($0.key)（\($0.label)）" }.joined(separator: "、")
        guard let key, !key.isEmpty else {
            return (nil, "缺少 \(param.path)，应为 \(allowed) 之一")
        }
        guard let option = options.first(where: { $0.key == key }) else {
            return (nil, "\(param.path)「\(key)」不是可用的值，应为 \(allowed) 之一")
        }
        return (option, nil)
    }
}

/// Messages about params, in one wording.
enum ParamText {
    static func missing(_ name: String, _ meaning: String) -> String { "缺少 params.\(name)（\(meaning)）" }

    static func notPositive(_ name: String, _ value: String) -> String { "params.\(name) 应大于 0，现为 \(value)" }

    static func negative(_ name: String, _ value: String) -> String { "params.\(name) 不能为负数，现为 \(value)" }

    /// Nil when `value` lies in its range (the loader's, `ValueRanges`); else why not. Records from a
    /// file never get here out of range, activities built in code may.
    static func outOfRange<V>(_ name: String, _ value: V, _ bound: ValueRanges.Bound<V>) -> String? {
        bound.range.contains(value) ? nil
            : "params.\(name) 应在 \(bound.range.lowerBound) 到 \(bound.range.upperBound) 之间（\(bound.why)），现为 \(value)"
    }
}

/// 一, 二, … for award grades and similar ordinals (1–99).
enum ChineseNumeral {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    static func string(_ n: Int) -> String {
        guard n >= 0, n < 100 else { return "\(n)" }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
