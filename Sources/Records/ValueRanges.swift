/// The range of every number a records file holds (取值范围): finite (the parser refuses the rest), not
/// negative, and below a bound the rules make sensible. A value past its bound cannot be a real record,
/// only a typing error, and it must never reach arithmetic that would overflow or print "inf".
///
/// Each bound is written next to the reason a clerk reads when a value passes it. The rules engine
/// holds activities built in code to the same ranges (Rules/Calculation.swift).
public enum ValueRanges {
    public struct Bound<Value: Comparable & Sendable>: Sendable {
        public let range: ClosedRange<Value>
        /// Why the upper end is where it is, in the words of the rules.
        public let why: String
    }

    /// 学时 claimed, and 核定学时 (四(一) 基地培训, 四(十四) 远程培训): "一次最多认定两年的学时" is at most
    /// 2 × 144 for anyone, so no single activity can be worth more.
    public static let hours = Bound(range: 0...288.0, why: "一次活动最多认定两年的学时")
    public static let approvedHours = hours

    /// 参加天数 (四(二) 四(四) 四(五)): an activity ends at most three years before the audit year and
    /// one after it, so five years of days is already more than any record can hold; the dates give
    /// the exact limit when they are valid.
    public static let days = Bound(range: 0...1830, why: "不超过五年的天数")

    /// 进修月数 (四(六)): five years, as for days.
    public static let months = Bound(range: 0...60.0, why: "不超过五年")

    /// 通过课程数 (四(七) 自学考试, 四(十三) 资格考试): a whole self-taught degree has some twenty courses.
    public static let courses = Bound(range: 0...50, why: "一个专业的全部课程也不过二十多门")

    /// 获奖等级 (四(九)1): 一等奖 is 1; awards have three or four grades.
    public static let grade = Bound(range: 1...9, why: "获奖等级为 1（一等奖）、2（二等奖）……")

    /// 排名 of an author, recipient or collaborator; the rules count ranks 1–5 only, but a later rank
    /// is a true record that simply earns nothing.
    public static let rank = Bound(range: 1...999, why: "署名排名")

    /// 字数 of a book, translation or report (四(八)2–4): ten million characters is far more than any book.
    public static let chars = Bound(range: 0...10_000_000, why: "一千万字已远超任何一部著作")

    /// 授课学时 (四(十二)): a full teaching load is some 600 class hours a year.
    public static let taughtHours = Bound(range: 0...1000.0, why: "一年满课也不过六百学时左右")
}

extension ObjectReader {
    func optionalInteger(_ key: String, _ label: String, _ bound: ValueRanges.Bound<Int>,
                         _ log: inout ProblemLog) -> Int? {
        optionalInteger(key, label, bound.range, why: bound.why, &log)
    }

    func optionalNumber(_ key: String, _ label: String, _ bound: ValueRanges.Bound<Double>,
                        _ log: inout ProblemLog) -> Double? {
        optionalNumber(key, label, bound.range, why: bound.why, &log)
    }
}
