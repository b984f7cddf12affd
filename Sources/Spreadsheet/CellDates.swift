import Records

/// Dates as spreadsheets hold them: Excel serial numbers (days since 1899-12-30, in the 1900 date
/// system every Excel for Windows and LibreOffice uses), and text as clerks type it: 2016-03-01,
/// 2016/3/1, 2016.3.1, 2016年3月1日, 20160301.
enum CellDates {
    static func date(_ content: CellContent) -> CalendarDate? {
        switch content {
        case .number(let literal):
            guard let serial = Double(literal), serial >= 1, serial < 2_958_466, serial == serial.rounded(.down) else { return nil }
            return fromDayNumber(Int(serial) - 25_569)
        case .text(let raw):
            let text = CellText.normalise(raw)
            if text.count == 8, text.allSatisfy(\.isASCII), let n = Int(text) {
                return CalendarDate(year: n / 10_000, month: n / 100 % 100, day: n % 100)
            }
            let parts = numbers(text, separators: ["-", "/", ".", "年", "月", "日"])
            guard parts.count == 3, parts[0] >= 1000 else { return nil }
            return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
        case .bool:
            return nil
        }
    }

    /// 出生年月: a date (its day ignored), or a year and month (1980-01, 1980.1, 1980年1月, 198001).
    static func yearMonth(_ content: CellContent) -> YearMonth? {
        if let date = date(content) { return YearMonth(year: date.year, month: date.month) }
        guard case .text(let raw) = content else { return nil }
        let text = CellText.normalise(raw)
        if text.count == 6, text.allSatisfy(\.isASCII), let n = Int(text) { return YearMonth(year: n / 100, month: n % 100) }
        let parts = numbers(text, separators: ["-", "/", ".", "年", "月"])
        guard parts.count == 2, parts[0] >= 1000 else { return nil }
        return YearMonth(year: parts[0], month: parts[1])
    }

    /// The runs of ASCII digits between separators; empty when anything else is in the text or a
    /// separator stands where a number should.
    private static func numbers(_ text: String, separators: Set<Character>) -> [Int] {
        var parts: [Int] = [], current = ""
        for c in text {
            if c.isASCII && c.isNumber {
                current.append(c)
            } else if separators.contains(c) {
                guard let n = Int(current) else { return [] }
                parts.append(n)
                current = ""
            } else {
                return []
            }
        }
        if !current.isEmpty {
            guard let n = Int(current) else { return [] }
            parts.append(n)
        } else if text.last != "日" && text.last != "月" {
            return []
        }
        return parts
    }

    /// Days since 1970-01-01 → the date (Howard Hinnant's civil_from_days).
    private static func fromDayNumber(_ days: Int) -> CalendarDate? {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The serial number Excel stores for a date.
    static func serial(_ date: CalendarDate) -> Int { date.dayNumber + 25_569 }
}
