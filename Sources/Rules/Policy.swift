import Records

/// Every rate, range, cap and requirement of one city's hour-recognition rules, as data.
///
/// The engine interprets this table; a city with other rates is another `Policy` value.
public struct Policy: Sendable, Equatable {
    /// The document the table transcribes, e.g. 徐政人发〔2007〕130号.
    public var source: String
    /// Put before a clause in explanations: 细则四(五).
    public var clausePrefix: String
    public var requirement: Requirement
    public var assessment: AssessmentStandard
    public var sameProject: SameProjectRule
    /// One rule per activity kind.
    public var rules: [Rule]

    public init(source: String, clausePrefix: String, requirement: Requirement, assessment: AssessmentStandard,
                sameProject: SameProjectRule, rules: [Rule]) {
        self.source = source
        self.clausePrefix = clausePrefix
        self.requirement = requirement
        self.assessment = assessment
        self.sameProject = sameProject
        self.rules = rules
    }

    public func rule(for kind: ActivityKind) -> Rule? { rules.first { $0.kind == kind } }
}

extension Policy {
    /// 徐州市专业技术人员继续教育学时认定实施细则（试行）, 徐政人发〔2007〕130号, section 四, with the yearly
    /// public-subject minimum of the 2016 notice (一). Interpretations of unclear clauses are noted at
    /// each rule and implemented in the calculator named there.
    public static let xuzhou2007 = Policy(
        source: "徐政人发〔2007〕130号",
        clausePrefix: "细则",
        requirement: Requirement(
            clause: "二",
            yearlyTotal: PerLevel(senior: 72, intermediate: 72, junior: 40),
            yearlyPublic: 24,
            // "一次最多认定两年的学时" read as two years of *this person's* requirement: 144 or 80.
            capYears: 2
        ),
        // The notice says only "合格"; the other words of the usual five-grade and pass/fail scales
        // are passes too, and a numeric score passes at 60 (the usual pass mark).
        assessment: AssessmentStandard(passingWords: ["合格", "优秀", "良好", "中等", "及格", "通过"], passingScore: 60),
        // "同时获得成果及专利的项目，只能就一方认定学时": 成果 = award or acceptance. One project is
        // recognised once, by its highest-valued activity of the audit year (SameProject.swift).
        sameProject: SameProjectRule(clause: "四(九)2", kinds: [.award, .acceptance, .patent], keyParam: "project"),
        rules: [
            // "按其批准学时数认定". Without approved_hours the claim is used with a warning (ApprovedHours.swift).
            Rule(.baseTraining, clause: "四(一)", name: "继续教育基地培训班", form: "培训班",
                 measure: .approvedHours(phrase: "按批准学时")),
            Rule(.instituteTraining, clause: "四(二)", name: "高校、科研院所进修班、培训班、研修班", form: "培训班",
                 measure: .perTime(TimeRate(unit: .day, rates: .single("高校、科研院所培训班", 8), capped: true))),
            // 72 for a year of study, the year being the activity's end year; `params.graduated: true`
            // makes the end date the graduation date and the diploma counts that year and the next two.
            Rule(.degreeStudy, clause: "四(三)", name: "学历教育、攻读学位", form: "学历教育",
                 measure: .degreeStudy(DegreeRule(hours: 72, diplomaYears: 3))),
            Rule(.advancedSeminar, clause: "四(四)", name: "专业高级研修班", form: "研修班",
                 measure: .perTime(TimeRate(unit: .day, rates: .single("专业高级研修班", 12), capped: true))),
            Rule(.academicMeeting, clause: "四(五)", name: "学术讲座、学术会议", form: "学术会议",
                 measure: .perTime(TimeRate(unit: .day, rates: Choice(.scope, [
                     Option("international", "国际性学术会议", 16),
                     Option("national", "全国性学术会议", 12),
                     Option("provincial", "省级区域性学术会议", 10),
                     Option("municipal", "市级区域性学术会议", 8),
                 ]), capped: true))),
            // Absent `abroad` means domestic (the clause's ordinary case). Fractional months count
            // pro rata (1.5 months abroad = 108).
            Rule(.visitingStudy, clause: "四(六)", name: "进修", form: "进修",
                 measure: .perTime(TimeRate(unit: .month, rates: Choice(.abroad, [
                     Option("domestic", "国内进修", 36),
                     Option("abroad", "出国进修", 72),
                 ]), capped: true))),
            Rule(.selfTaughtExam, clause: "四(七)", name: "高等教育自学考试", form: "自学考试",
                 measure: .perCourse(hours: 36)),
            // Ranges as in the notice; a claim must lie inside, without a claim the lower end counts,
            // a claim outside is an error and the lower end counts (Paper.swift). "个案报道、论文摘要按以上
            // 级别的20%得分递减" read as: the level's range with both ends 20% lower (issn_cn 9.6–12.8).
            Rule(.paper, clause: "四(八)1", name: "论文", form: "论文",
                 measure: .paper(PaperRule(
                     levels: Choice(.level, [
                         Option("national_society", "国外及国家一级学会主办的专业刊物", HourRange(20, 24)),
                         Option("issn_cn", "ISSN和CN刊号刊物", HourRange(12, 16)),
                         Option("provincial_core", "省级专业刊物（核心期刊）", HourRange(10, 12)),
                         Option("municipal", "市级学术刊物", HourRange(6, 10)),
                         Option("internal", "内部刊物", HourRange(4, 6)),
                     ]),
                     noun: "论文",
                     variants: [
                         PaperVariant("case_report", "个案报道", .reducedPercent(20)),
                         PaperVariant("abstract", "论文摘要", .reducedPercent(20)),
                         // The two conference variants are fixed and ignore the journal level.
                         PaperVariant("conference_read", "会议论文（大会宣读）", .fixed(6)),
                         PaperVariant("conference_abstract", "会议收录文章摘要或列题", .fixed(8)),
                     ]
                 ))),
            // Whole blocks only: "每1000字按3学时" gives nothing for a remainder under 1000 (Chars.swift).
            // No cap: the two-year cap is written only in the per-day and per-month clauses.
            Rule(.book, clause: "四(八)2", name: "专著", form: "专著", measure: .perChars(hours: 3, chars: 1000)),
            Rule(.translation, clause: "四(八)3", name: "译文", form: "译文", measure: .perChars(hours: 3, chars: 1500)),
            Rule(.report, clause: "四(八)4", name: "出国考察报告、专题调研报告", form: "调研报告",
                 measure: .perChars(hours: 3, chars: 1500)),
            // Grade 1 gets the top, each further grade 12 less, never below the level's lower end (a 三等奖
            // of a two-grade range gets the lower end, with a warning). Only recipients ranked 1–5.
            // 部级 and 省级 share one row of the notice ("部、省级").
            Rule(.award, clause: "四(九)1", name: "科技进步奖", form: "科技进步奖",
                 measure: .graded(GradedRule(levels: Choice(.level, [
                     Option("national", "国家级科技进步奖", HourRange(84, 96)),
                     Option("ministerial", "部级科技进步奖", HourRange(60, 72)),
                     Option("provincial", "省级科技进步奖", HourRange(60, 72)),
                     Option("municipal", "市级科技进步奖", HourRange(36, 48)),
                     Option("county", "县（市）级科技进步奖", HourRange(12, 24)),
                 ]), step: 12, maxRank: 5))),
            // The notice limits ranks only for awards and new technology; acceptance and patents have no rank rule.
            Rule(.acceptance, clause: "四(九)1", name: "科技成果验收", form: "成果验收",
                 measure: .fixed(rates: Choice(.level, [
                     Option("national", "国家级科技成果验收", 72),
                     Option("provincial", "省级科技成果验收", 48),
                     Option("municipal", "市级科技成果验收", 24),
                     Option("county", "县（市）级科技成果验收", 12),
                 ]), maxRank: nil)),
            Rule(.patent, clause: "四(九)2", name: "专利", form: "专利",
                 measure: .fixed(rates: Choice(.level, [
                     Option("invention", "发明专利", 48),
                     Option("utility", "实用新型专利", 36),
                     Option("design", "外观设计专利", 24),
                 ]), maxRank: nil)),
            Rule(.newTechnology, clause: "四(十)", name: "引进推广应用新技术、新成果", form: "新技术推广",
                 measure: .fixed(rates: Choice(.level, [
                     Option("international", "国际水平新技术、新成果", 48),
                     Option("national_advanced", "国内先进水平新技术、新成果", 36),
                     Option("regional_advanced", "区内先进水平新技术、新成果", 24),
                     Option("unit_first", "填补本单位空白新技术、新成果", 12),
                 ]), maxRank: 5)),
            // "考核成绩合格者…按48-72学时予以认定": without a passed assessment nothing is recognised
            // (a warning, not an error: the record may be right and the person simply not yet assessed).
            Rule(.selfStudy, clause: "四(十一)", name: "自学", form: "自学", measure: .assessedRange(HourRange(48, 72))),
            Rule(.teaching, clause: "四(十二)", name: "授课", form: "授课", measure: .multiple(factor: 2)),
            Rule(.qualificationExam, clause: "四(十三)", name: "职称资格、执（职）业资格考试", form: "资格考试",
                 measure: .perCourse(hours: 24)),
            Rule(.distanceLearning, clause: "四(十四)", name: "远程培训", form: "远程教育",
                 measure: .approvedHours(phrase: "按课程公布学时")),
        ]
    )
}
