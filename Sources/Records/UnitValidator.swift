/// Reads and checks the employer unit (`unit`). Its errors make the whole file unusable: every
/// document of the file prints the unit.
enum UnitValidator {
    static let keys = ["name", "nature", "authority", "district", "credit_code", "contact", "appointment_cycle"]

    static func validate(_ node: JSONNode, log: inout ProblemLog) -> EmployerUnit? {
        let errorsBefore = log.errorCount
        guard let r = ObjectReader(node, path: "unit", label: "单位信息", allowed: keys, log: &log) else { return nil }
        let name = r.requiredString("name", "单位名称", &log)
        let nature = r.requiredEnum("nature", "单位性质", UnitNature.self, &log)
        let authority = r.requiredString("authority", "主管部门", &log)
        let district = r.optionalString("district", "所在地区", &log)
        let contact = r.optionalString("contact", "联系人", &log)
        // The unit's name names its folder in the archive and heads every document.
        for (key, label, text) in [("name", "单位名称", name), ("authority", "主管部门", authority),
                                   ("district", "所在地区", district), ("contact", "联系人", contact)] {
            HiddenCharacters.refuse(text, label, at: r.childPath(key), &log)
        }

        // 统一社会信用代码: optional and printed on none of the documents, so a wrong one must not stop the
        // forms of hundreds of people. It is a warning, and the code is dropped (nil) so that a number
        // known to be wrong never travels further.
        var creditCode: String?
        switch r.node("credit_code") {
        case nil:
            break
        case .string(let raw)?:
            if isBlank(raw) { break }
            if let problem = CreditCode.validate(raw) {
                log.warning(r.childPath("credit_code"), problem.message(for: raw) + "，已忽略该代码")
            } else {
                creditCode = CreditCode.normalise(raw)
            }
        case let other?:
            log.warning(r.childPath("credit_code"), "统一社会信用代码应为字符串，实际为\(other.shortDescription)，已忽略")
        }

        let cycle = r.node("appointment_cycle").flatMap {
            CycleValidator.validate($0, path: r.childPath("appointment_cycle"), log: &log)
        }

        guard log.errorCount == errorsBefore, let name, let nature, let authority else { return nil }
        return EmployerUnit(name: name, nature: nature, authority: authority, district: district,
                    creditCode: creditCode, contact: contact, appointmentCycle: cycle)
    }
}
