/// Reads an `appointment_cycle` (聘任周期, 细则二) of the unit or of a person: `{"first_year": 2016, "years": 3}`.
enum CycleValidator {
    static let keys = ["first_year", "years"]

    static func validate(_ node: JSONNode, path: String, log: inout ProblemLog) -> AppointmentCycle? {
        let errorsBefore = log.errorCount
        guard let r = ObjectReader(node, path: path, label: "聘任周期", allowed: keys, log: &log) else { return nil }
        _ = r.required("first_year", "聘任周期起始年度", &log)
        _ = r.required("years", "聘任周期年数", &log)
        let first = r.optionalInteger("first_year", "聘任周期起始年度", RecordsLoader.years, why: "与审验年度的范围相同", &log)
        let years = r.optionalInteger("years", "聘任周期年数", 1...10, why: "专业技术职务聘任周期一般为三至五年", &log)
        guard log.errorCount == errorsBefore, let first, let years else { return nil }
        return AppointmentCycle(firstYear: first, years: years)
    }
}
