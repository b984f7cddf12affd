import Records

/// 四(三) 学历教育、攻读学位.
///
/// "对当年参加学习的人员可在学习结束后一次性按72学时予以认定": each record is one year of study and
/// gives 72 to the year it ends in. "取得毕业或结业证书的，从毕业当年起认定三年内有效": a record with
/// `params.graduated: true` ends on the graduation date, and the diploma gives 72 to the graduation
/// year and each of the next two (2016 graduate: 2016, 2017, 2018), one activity never counting twice
/// in one year.
enum DegreeStudyCalculator {
    static func recognise(_ rule: DegreeRule, _ context: RuleContext) -> Outcome {
        var errors: [String] = []
        var graduated = false
        switch context.params.other["graduated"] {
        case nil: break
        case .bool(let value)?: graduated = value
        case let other?:
            errors.append("params.graduated 应为 true 或 false，现为 \(describe(other))，按未毕业认定")
        }

        let endYear = context.activity.end.year
        let lastYear = endYear + rule.diplomaYears - 1
        let hours = rule.hours
        let validity = "毕业证书自\(endYear)年起\(rule.diplomaYears)年内有效（\(endYear)–\(lastYear)年度）"
        var outcome: Outcome
        if endYear == context.year {
            outcome = Outcome(hours: hours, text: "\(context.rule.name) \(endYear)年度学习"
                + (graduated ? "并毕业" : "") + " = \(HoursFormat.string(hours))学时")
        } else if graduated, context.year > endYear, context.year <= lastYear {
            outcome = Outcome(hours: hours, text: "\(context.rule.name) \(endYear)年毕业，\(validity)"
                + " = \(HoursFormat.string(hours))学时", counted: true)
        } else {
            outcome = Outcome(hours: hours, text: "\(context.rule.name) \(endYear)年度学习"
                + (graduated ? "并毕业" : "") + " = \(HoursFormat.string(hours))学时")
            if graduated, context.year > lastYear {
                outcome.counted = false
                outcome.yearNote = "\(validity)，不计入\(context.year)年度"
            }
        }
        outcome.errors += errors
        outcome.checkFixedClaim(context.claim)
        return outcome
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return HoursFormat.string(n)
        case .string(let s): return "「\(s)」"
        case .array: return "数组"
        case .object: return "对象"
        }
    }
}
