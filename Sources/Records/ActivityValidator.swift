/// Reads and checks one activity (`people[i].activities[j]`).
///
/// Which date problems are errors and which are warnings (an activity counts toward the year of its
/// end date, and the rules engine reports but does not count an activity of another year):
/// - end after the person's audit date: error. An agency cannot have examined an unfinished activity.
/// - end after 31 December of the year after the audit year: error. The records of year Y are handed in
///   during Y+1; a later date can only be a typing error.
/// - end in Y+1 (up to the audit date): warning "不计入本年度". Happens when a clerk adds next year's
///   first courses; harmless, but the clerk should know they do not count now.
/// - end in Y-3 … Y-1: warning "不计入本年度" — except for `degree_study`, whose diploma counts for three
///   years from graduation, so an earlier end is expected and not worth a word.
/// - end before Y-3: error. No rule can count it for Y, so it is almost surely a wrong year typed.
enum ActivityValidator {
    static let keys = ["subject", "kind", "content", "form", "start", "end", "hours", "provider",
                       "assessment", "evidence", "params"]
    static let paramKeys = ["days", "months", "scope", "abroad", "courses", "level", "grade", "rank", "chars",
                            "taught_hours", "approved_hours", "variant"]
    static let scopes = ["international", "national", "provincial", "municipal"]
    static let variants = ["case_report", "abstract", "conference_read", "conference_abstract"]
    /// How many years back an activity can still matter (degree-study diplomas count for three years).
    static let yearsBack = 3

    /// Nil when the activity has an error (logged); warnings alone still give an activity.
    static func validate(_ node: JSONNode, path: String, year: Int?, auditDate: CalendarDate?,
                         log: inout ProblemLog) -> Activity? {
        let errorsBefore = log.errorCount
        guard let r = ObjectReader(node, path: path, label: "学习活动", allowed: keys, log: &log) else { return nil }

        let subject = r.requiredEnum("subject", "科目", Subject.self, &log)
        let kind = r.requiredEnum("kind", "学时认定类别", ActivityKind.self, &log)
        let content = r.requiredString("content", "学习内容", &log)
        let form = r.optionalString("form", "学习形式", &log)
        let start = r.requiredDate("start", "开始日期", &log)
        let end = r.requiredDate("end", "结束日期", &log)
        if let start, let end, end < start {
            log.error(r.childPath("end"), "结束日期早于开始日期（\(end) 早于 \(start)）")
        }
        if let end {
            checkYear(of: end, kind: kind, year: year, auditDate: auditDate, path: r.childPath("end"), log: &log)
        }
        let hours = r.optionalNumber("hours", "学时", ValueRanges.hours, &log)
        let provider = r.optionalString("provider", "施教机构", &log)
        let assessment = r.optionalString("assessment", "考核结果", &log)
        let evidence = r.optionalString("evidence", "证明材料", &log)
        var params = ActivityParams()
        if let node = r.node("params") {
            params = readParams(node, path: r.childPath("params"), start: start, end: end, log: &log) ?? params
        }

        guard log.errorCount == errorsBefore,
              let subject, let kind, let content, let start, let end else { return nil }
        return Activity(subject: subject, kind: kind, content: content, form: form, start: start, end: end,
                        hours: hours, provider: provider, assessment: assessment, evidence: evidence, params: params)
    }

    private static func checkYear(of end: CalendarDate, kind: ActivityKind?, year: Int?, auditDate: CalendarDate?,
                                  path: String, log: inout ProblemLog) {
        if let auditDate, end > auditDate {
            log.error(path, "结束日期 \(end) 晚于审验日期 \(auditDate)：审验时活动尚未结束")
            return
        }
        guard let year else { return }
        if end.year > year + 1 {
            log.error(path, "结束日期 \(end) 晚于审验年度 \(year) 的次年年底，应是录入错误")
        } else if end.year == year + 1 {
            log.warning(path, "结束日期 \(end) 在 \(end.year) 年，不计入本年度（\(year) 年）")
        } else if end.year < year - yearsBack {
            log.error(path, "结束日期 \(end) 早于 \(year - yearsBack) 年，任何规定都不能计入 \(year) 年度，应是录入错误")
        } else if end.year < year, kind != .degreeStudy {
            log.warning(path, "结束日期 \(end) 在 \(end.year) 年，不计入本年度（\(year) 年）")
        }
    }

    /// The named facts typed; other keys kept as given (the schema leaves `params` open).
    private static func readParams(_ node: JSONNode, path: String, start: CalendarDate?, end: CalendarDate?,
                                   log: inout ProblemLog) -> ActivityParams? {
        guard let p = ObjectReader(node, path: path, label: "认定参数", allowed: nil, log: &log) else { return nil }
        let days = p.optionalInteger("days", "参加天数", ValueRanges.days, &log)
        if let days, let start, let end, end >= start, days > end.dayNumber - start.dayNumber + 1 {
            let span = end.dayNumber - start.dayNumber + 1
            log.error(p.childPath("days"), "参加天数 \(days) 天超过起止日期之间的 \(span) 天（\(start) 至 \(end)）")
        }
        // 是否毕业 (四(三)) is read by the rules from the open params; only a boolean can mean yes or no.
        _ = p.optionalBool("graduated", "是否毕业 graduated", &log)
        return ActivityParams(
            days: days,
            months: p.optionalNumber("months", "月数", ValueRanges.months, &log),
            scope: p.optionalChoice("scope", "范围", scopes, &log),
            abroad: p.optionalBool("abroad", "是否出国（境）", &log),
            courses: p.optionalInteger("courses", "通过课程数", ValueRanges.courses, &log),
            level: p.optionalString("level", "级别", &log),
            grade: p.optionalInteger("grade", "获奖等级", ValueRanges.grade, &log),
            rank: p.optionalInteger("rank", "排名", ValueRanges.rank, &log),
            chars: p.optionalInteger("chars", "字数", ValueRanges.chars, &log),
            taughtHours: p.optionalNumber("taught_hours", "授课学时", ValueRanges.taughtHours, &log),
            approvedHours: p.optionalNumber("approved_hours", "核定学时", ValueRanges.approvedHours, &log),
            variant: p.optionalChoice("variant", "论文类型", variants, &log),
            other: p.others(except: paramKeys))
    }
}
