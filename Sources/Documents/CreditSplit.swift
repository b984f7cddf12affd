import Rules

/// A year's total split as 附件1 and the certificate's annual page print it: the year's own hours,
/// the hours carried from the year before (上年度结转, 细则四(二)…(六)) and a diploma's hours in a
/// later year of its validity (学历教育, 四(三)), each credit named by its activity and year.
struct CreditSplit {
    var own: Double
    var carried: Double
    var degree: Double
    /// One line per credit, e.g. `上年度结转：2016年度《心血管介入高级研修班》72学时（细则四(四)，一次最多认定两年的学时）`.
    var lines: [String]

    init(_ assessment: PersonAssessment) {
        // A repeated degree record that counts this year stands for its diploma too.
        let credits = assessment.credits + assessment.activities.compactMap { $0.counted ? $0.recordCredit : nil }
        func sum(_ reason: LedgerCredit.Reason) -> Double {
            credits.filter { $0.reason == reason }.reduce(0) { $0 + $1.hours }
        }
        carried = sum(.carryOver)
        degree = sum(.diploma)
        own = assessment.totalHours - carried - degree
        lines = credits.map(assessment.creditLine)
    }
}
