import Records

/// How record values print on the forms.
enum Formatting {
    /// 起止时间: `2016.3.1—5.31` within a year, `2016.8.20` for one day, `2015.9.1—2016.6.30` across years.
    static func period(_ start: CalendarDate, _ end: CalendarDate) -> String {
        func dotted(_ d: CalendarDate, withYear: Bool) -> String {
            withYear ? "\(d.year).\(d.month).\(d.day)" : "\(d.month).\(d.day)"
        }
        if start == end { return dotted(start, withYear: true) }
        return "\(dotted(start, withYear: true))—\(dotted(end, withYear: start.year != end.year))"
    }

    /// 专业技术职务 with its level: `主治医师（中级）`, or the level alone.
    static func titleAndLevel(_ person: Person) -> String {
        guard let title = person.title, !title.isEmpty else { return person.level.rawValue }
        return "\(title)（\(person.level.rawValue)）"
    }

    /// 出生年月 as printed (`1980年1月`): the record's, else the one inside the ID number.
    static func birth(_ person: Person) -> String {
        if let birth = person.birth { return birth.chinese }
        guard let date = IDNumber.birthDate(person.idNumber) else { return "" }
        return "\(date.year)年\(date.month)月"
    }

    /// 性别: the record's, else the ID number's 17th digit.
    static func gender(_ person: Person) -> String {
        (person.gender ?? IDNumber.gender(person.idNumber))?.rawValue ?? ""
    }
}
