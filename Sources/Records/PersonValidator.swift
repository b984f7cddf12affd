/// Reads and checks one person (`people[i]`). Any error rejects the whole person: printing a
/// registration form without one of the activities, or with a wrong ID, would certify something false.
enum PersonValidator {
    static let keys = ["id_number", "name", "gender", "birth", "title", "level", "education", "major", "field",
                       "purpose", "certificate_no", "photo", "activities", "audit", "appointment_cycle"]

    struct Result {
        /// Nil when the person has an error.
        var person: Person?
        /// The ID number as given, normalised (x → X), when it was a string: to name the rejected person.
        var idNumber: String?
        var name: String?
    }

    /// The ID numbers seen so far in the file, with the index of the person that first had each.
    typealias Registry = [String: Int]

    /// - Parameters:
    ///   - year: the audit year, nil when the file's year is itself invalid (year checks are then skipped).
    ///   - registry: the valid ID numbers of the earlier people; the first occurrence keeps a number,
    ///     later ones are rejected naming it.
    ///   - unitCycle: the unit's 聘任周期, the person's unless the record gives its own.
    static func validate(_ node: JSONNode, index: Int, year: Int?, unitCycle: AppointmentCycle?, registry: inout Registry,
                         log: inout ProblemLog) -> Result {
        let path = "people[\(index)]"
        var result = Result()
        guard let r = ObjectReader(node, path: path, label: "人员记录", allowed: keys, log: &log) else { return result }

        // 公民身份号码: the key of the person's archive, so it must be exactly right.
        var validID: String?
        if let node = r.required("id_number", "公民身份号码", &log) {
            if case .string(let raw) = node {
                let id = IDNumber.normalise(raw)
                result.idNumber = id
                let latest = year.flatMap { CalendarDate(year: $0, month: 12, day: 31) } ?? CalendarDate(year: 2100, month: 12, day: 31)!
                if let problem = IDNumber.validate(id, latestBirth: latest) {
                    log.error(r.childPath("id_number"), problem.message(for: raw))
                } else if let first = registry[id] {
                    log.error(r.childPath("id_number"), "公民身份号码 \(id) 与 people[\(first)] 重复：同一人在一个文件中只能出现一次")
                } else {
                    registry[id] = index
                    validID = id
                }
            } else {
                log.error(r.childPath("id_number"), "公民身份号码应为字符串（18 位，用双引号括起来，以免末位 X 或开头的 0 丢失），实际为\(node.shortDescription)")
            }
        }

        let name = r.requiredString("name", "姓名", &log)
        HiddenCharacters.refuse(name, "姓名", at: r.childPath("name"), &log)
        if case .string(let raw)? = r.node("name") { result.name = raw }

        let gender = r.optionalEnum("gender", "性别", Gender.self, &log)
        if let gender, let validID, let fromID = IDNumber.gender(validID), gender != fromID {
            let digit = Array(validID)[16]
            log.error(r.childPath("gender"), "性别\(quoted(gender.rawValue))与公民身份号码不符：第 17 位 \(digit) 是\(fromID == .male ? "奇数" : "偶数")，应为 \(fromID.rawValue)")
        }

        let birth = readBirth(r, &log)
        if let birth, let validID, let fromID = IDNumber.birthDate(validID),
           birth.year != fromID.year || birth.month != fromID.month {
            log.error(r.childPath("birth"), "出生年月 \(birth) 与公民身份号码中的出生日期 \(fromID) 不符")
        }

        let title = r.optionalString("title", "专业技术职务", &log)
        let level = r.requiredEnum("level", "职称级别", Level.self, &log)
        let education = r.optionalString("education", "学历", &log)
        let major = r.optionalString("major", "所学专业", &log)
        let field = r.optionalString("field", "从事专业", &log)
        let purpose = r.optionalEnum("purpose", "审验用途", AuditPurpose.self, &log)
        let certificateNo = r.optionalString("certificate_no", "继续教育证书编号", &log)
        let photo = r.optionalString("photo", "照片路径", &log)

        // The audit is read before the activities, which must have ended by its date, but its problems
        // are logged after theirs to keep the order of the file.
        var auditLog = ProblemLog(personIndex: log.personIndex)
        var audit: Audit?
        if let node = r.node("audit") {
            audit = AuditValidator.validate(node, path: r.childPath("audit"), year: year, log: &auditLog)
        }

        var activities: [Activity]?
        if let node = r.required("activities", "学习活动", &log) {
            if case .array(let items) = node {
                if items.isEmpty {
                    log.warning(r.childPath("activities"), "没有填写本年度的学习活动：只有以前年度结转的学时、学历证书或聘任周期（细则二）足以补足时才能审验合格")
                }
                var read: [Activity] = []
                for (j, item) in items.enumerated() {
                    if let a = ActivityValidator.validate(item, path: "\(path).activities[\(j)]", year: year,
                                                          auditDate: audit?.date, log: &log) {
                        read.append(a)
                    }
                }
                activities = read
            } else {
                log.error(r.childPath("activities"), "学习活动应为数组 […]，实际为\(node.shortDescription)")
            }
        }
        log.problems += auditLog.problems

        let cycle = r.node("appointment_cycle").flatMap {
            CycleValidator.validate($0, path: r.childPath("appointment_cycle"), log: &log)
        }

        guard !log.hasErrors, let validID, let name, let level, let activities else { return result }
        result.person = Person(idNumber: validID, name: name, gender: gender, birth: birth, title: title,
                               level: level, education: education, major: major, field: field, purpose: purpose,
                               certificateNo: certificateNo, photo: photo, activities: activities, audit: audit,
                               appointmentCycle: cycle ?? unitCycle)
        return result
    }

    /// 出生年月 `YYYY-MM`.
    private static func readBirth(_ r: ObjectReader, _ log: inout ProblemLog) -> YearMonth? {
        guard let node = r.node("birth") else { return nil }
        guard case .string(let s) = node else {
            log.error(r.childPath("birth"), "出生年月应为 YYYY-MM 格式的字符串，实际为\(node.shortDescription)")
            return nil
        }
        let digitsOK = s.count == 7 && s.enumerated().allSatisfy { $0.offset == 4 ? $0.element == "-" : ($0.element.isASCII && $0.element.isNumber) }
        guard digitsOK, let value = YearMonth(iso: s) else {
            log.error(r.childPath("birth"), "出生年月\(quoted(s))格式不正确，应为 YYYY-MM（如 1980-01）")
            return nil
        }
        return value
    }
}

/// Reads and checks the examination of an audit agency (`people[i].audit`).
enum AuditValidator {
    static let keys = ["agency", "date", "override", "remarks"]

    static func validate(_ node: JSONNode, path: String, year: Int?, log: inout ProblemLog) -> Audit? {
        let errorsBefore = log.errorCount
        guard let r = ObjectReader(node, path: path, label: "审验信息", allowed: keys, log: &log) else { return nil }
        let agency = r.requiredString("agency", "审验机构", &log)
        let date = r.requiredDate("date", "审验日期", &log)
        // Auditing before the year is over is odd but possible (e.g. someone who leaves): a warning.
        if let date, let year, date.year <= year {
            log.warning(r.childPath("date"), "审验日期 \(date) 早于审验年度 \(year) 结束，该年度的学习可能尚未登记完整")
        }
        var overrideFail = false
        if let node = r.node("override") {
            if case .string("fail") = node {
                overrideFail = true
            } else {
                // The agency can only turn a pass into a fail; a "pass" override would bypass the rules.
                log.error(r.childPath("override"), "override 只能为\"fail\"（审验机构只能把合格改为不合格），实际为\(node.shortDescription)")
            }
        }
        let remarks = r.optionalString("remarks", "审验意见", &log)
        guard log.errorCount == errorsBefore, let agency, let date else { return nil }
        return Audit(agency: agency, date: date, overrideFail: overrideFail, remarks: remarks)
    }
}
