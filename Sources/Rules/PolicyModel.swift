import Records

// The vocabulary of a policy table (Policy.swift holds the table itself). Everything here is plain
// data: the calculators read it, nothing in it computes. A city with other rates writes another
// `Policy` value with these types; a city with a new *kind* of rule would need a new `Measure` case.

/// A value for each 职称级别.
public struct PerLevel<Value: Sendable & Equatable>: Sendable, Equatable {
    public var senior: Value
    public var intermediate: Value
    public var junior: Value

    public init(senior: Value, intermediate: Value, junior: Value) {
        self.senior = senior
        self.intermediate = intermediate
        self.junior = junior
    }

    public subscript(level: Level) -> Value {
        switch level {
        case .senior: return senior
        case .intermediate: return intermediate
        case .junior: return junior
        }
    }
}

/// The yearly requirement and the two-year cap derived from it.
public struct Requirement: Sendable, Equatable {
    /// Where the yearly totals come from (细则 二).
    public var clause: String
    /// Hours per year by level (高级/中级 72, 初级 40).
    public var yearlyTotal: PerLevel<Double>
    /// Public-subject (公共科目) hours per year, all levels (the 2016 notice, 一).
    public var yearlyPublic: Double
    /// "一次最多认定两年的学时": one activity under a capped rule counts at most this many years of the
    /// person's own yearly requirement (so 144 for 高级/中级, 80 for 初级).
    public var capYears: Double

    public init(clause: String, yearlyTotal: PerLevel<Double>, yearlyPublic: Double, capYears: Double) {
        self.clause = clause
        self.yearlyTotal = yearlyTotal
        self.yearlyPublic = yearlyPublic
        self.capYears = capYears
    }

    public func total(for level: Level) -> Double { yearlyTotal[level] }
    public func cap(for level: Level) -> Double { Hours.round(capYears * yearlyTotal[level]) }
}

/// What counts as a passed assessment (考核结果) on a public-subject course.
public struct AssessmentStandard: Sendable, Equatable {
    /// Words accepted as a pass, compared exactly after trimming spaces (so 不合格 is not 合格).
    public var passingWords: [String]
    /// A score (`85分`, `85`) passes at or above this.
    public var passingScore: Double

    public init(passingWords: [String], passingScore: Double) {
        self.passingWords = passingWords
        self.passingScore = passingScore
    }
}

/// The "same project" rule of 四(九)2: "同时获得成果及专利的项目，只能就一方认定学时".
public struct SameProjectRule: Sendable, Equatable {
    public var clause: String
    /// Kinds that recognise a project (成果: award, acceptance; 专利: patent).
    public var kinds: [ActivityKind]
    /// The `params` key that names the project; without it an activity's `content` stands in.
    public var keyParam: String

    public init(clause: String, kinds: [ActivityKind], keyParam: String) {
        self.clause = clause
        self.kinds = kinds
        self.keyParam = keyParam
    }
}

/// One recognition rule of section 四: the kind it applies to, its clause and how it measures hours.
public struct Rule: Sendable, Equatable {
    public var kind: ActivityKind
    /// e.g. `四(五)`, `四(八)1`.
    public var clause: String
    /// Chinese name used in explanations, e.g. 学术讲座、学术会议.
    public var name: String
    /// 学习形式 printed when the record gives none.
    public var defaultForm: String
    public var measure: Measure

    public init(_ kind: ActivityKind, clause: String, name: String, form: String, measure: Measure) {
        self.kind = kind
        self.clause = clause
        self.name = name
        self.defaultForm = form
        self.measure = measure
    }
}

/// How a rule turns an activity's params into hours. Each case is one family of clauses.
public enum Measure: Sendable, Equatable {
    /// The hours an authority approved or published (`params.approved_hours`); `phrase` says which.
    case approvedHours(phrase: String)
    /// A rate per day or month attended, optionally capped at `Requirement.capYears` years.
    case perTime(TimeRate)
    /// Degree study: fixed hours for a study year; a diploma keeps counting for some years.
    case degreeStudy(DegreeRule)
    /// A fixed number of hours per course or subject passed (`params.courses`).
    case perCourse(hours: Double)
    /// Hours per whole block of characters (`params.chars`).
    case perChars(hours: Double, chars: Int)
    /// Papers: a range by journal level, with variants that reduce or fix the hours.
    case paper(PaperRule)
    /// Awards: the top of the level's range for grade 1, `step` less for each further grade.
    case graded(GradedRule)
    /// A fixed value per item chosen by a param, optionally limited to the first `maxRank` people.
    case fixed(rates: Choice<Double>, maxRank: Int?)
    /// A range granted only after a passed assessment (自学).
    case assessedRange(HourRange)
    /// A multiple of the hours taught (`params.taught_hours`).
    case multiple(factor: Double)
}

/// The param that selects one option of a `Choice`.
public enum ChoiceParam: String, Sendable, Equatable {
    case scope
    case level
    /// A boolean; the option keys are `domestic` (false or absent) and `abroad` (true).
    case abroad

    /// As written in the records, for messages.
    public var path: String { "params.\(rawValue)" }
}

/// One row of a choice: the value of the param, the Chinese label, and what it gives.
public struct Option<Value: Sendable & Equatable>: Sendable, Equatable {
    public var key: String
    public var label: String
    public var value: Value

    public init(_ key: String, _ label: String, _ value: Value) {
        self.key = key
        self.label = label
        self.value = value
    }
}

/// Options keyed by a param; with no param there is exactly one option.
public struct Choice<Value: Sendable & Equatable>: Sendable, Equatable {
    public var param: ChoiceParam?
    public var options: [Option<Value>]

    public init(_ param: ChoiceParam?, _ options: [Option<Value>]) {
        self.param = param
        self.options = options
    }

    /// A rule with one value and no param to choose by; `label` names it in explanations.
    public static func single(_ label: String, _ value: Value) -> Choice {
        Choice(nil, [Option("", label, value)])
    }
}

/// A closed range of hours. The notice writes ranges high first ("24-20学时"); stored low…high.
public struct HourRange: Sendable, Equatable {
    public var low: Double
    public var high: Double

    public init(_ low: Double, _ high: Double) {
        self.low = min(low, high)
        self.high = max(low, high)
    }

    public func contains(_ hours: Double) -> Bool { hours >= low - Hours.epsilon && hours <= high + Hours.epsilon }

    /// Both ends reduced by `percent` (exact for whole percents: 12 × 80 / 100 = 9.6).
    public func reduced(byPercent percent: Int) -> HourRange {
        HourRange(Hours.round(low * Double(100 - percent) / 100), Hours.round(high * Double(100 - percent) / 100))
    }
}

public enum TimeUnit: String, Sendable, Equatable {
    case day
    case month

    /// Printed after the count: 3天, 2个月.
    var word: String { self == .day ? "天" : "个月" }
}

public struct TimeRate: Sendable, Equatable {
    public var unit: TimeUnit
    public var rates: Choice<Double>
    /// "一次最多认定两年的学时"
    public var capped: Bool

    public init(unit: TimeUnit, rates: Choice<Double>, capped: Bool) {
        self.unit = unit
        self.rates = rates
        self.capped = capped
    }
}

public struct DegreeRule: Sendable, Equatable {
    /// Hours for the year of study (72).
    public var hours: Double
    /// Years the diploma counts, from the graduation year included (3).
    public var diplomaYears: Int

    public init(hours: Double, diplomaYears: Int) {
        self.hours = hours
        self.diplomaYears = diplomaYears
    }
}

public struct PaperRule: Sendable, Equatable {
    /// By journal level (`params.level`).
    public var levels: Choice<HourRange>
    /// The word for an ordinary paper in explanations (论文).
    public var noun: String
    /// By `params.variant`.
    public var variants: [PaperVariant]

    public init(levels: Choice<HourRange>, noun: String, variants: [PaperVariant]) {
        self.levels = levels
        self.noun = noun
        self.variants = variants
    }
}

public struct PaperVariant: Sendable, Equatable {
    public enum Effect: Sendable, Equatable {
        /// The level's range, both ends reduced by this percent.
        case reducedPercent(Int)
        /// A fixed value whatever the journal level.
        case fixed(Double)
    }

    public var key: String
    public var label: String
    public var effect: Effect

    public init(_ key: String, _ label: String, _ effect: Effect) {
        self.key = key
        self.label = label
        self.effect = effect
    }
}

public struct GradedRule: Sendable, Equatable {
    /// By award level (`params.level`): grade 1 gets `high`, the range's `low` is the floor.
    public var levels: Choice<HourRange>
    /// Hours between consecutive grades of one level (12).
    public var step: Double
    /// Recipients ranked beyond this get nothing (5).
    public var maxRank: Int

    public init(levels: Choice<HourRange>, step: Double, maxRank: Int) {
        self.levels = levels
        self.step = step
        self.maxRank = maxRank
    }
}
