import Records

/// Where each value of the imported records came from: the JSON path of every problem the records
/// loader or the rules find → the cell the clerk edits, `继续教育!F12（结束日期）`. Kept as rows and
/// column positions (not a path per value): a few integers a person and an activity.
public struct CellMap: ProblemLocator {
    struct Sheet: Sendable {
        var name: String
        /// JSON key (`end`, `params.days`, `audit.date`) → column number and the column's name.
        var columns: [String: (column: Int, name: String)]
    }

    /// `unit.name`, `year` → cell and name.
    var unit: [String: (address: CellAddress, name: String)] = [:]
    var unitSheet: String
    var people: Sheet
    var activities: Sheet
    /// The row of each person of `people`, in order; and the rows of each person's activities.
    var personRows: [Int] = []
    var activityRows: [[Int]] = []

    public func place(of path: String) -> String? {
        if let (address, name) = unit[path] { return "\(address)（\(name)）" }
        if path == "unit" || path == "year" || path.hasPrefix("unit.") || path == "schema" { return "\(unitSheet) 工作表" }
        guard path.hasPrefix("people[") else { return path == "people" ? "\(people.name) 工作表" : nil }
        var rest = path.dropFirst("people[".count)
        guard let person = index(&rest), personRows.indices.contains(person) else { return nil }
        if rest.hasPrefix(".activities[") {
            rest = rest.dropFirst(".activities[".count)
            guard let activity = index(&rest), activityRows[person].indices.contains(activity) else { return nil }
            return place(activities, row: activityRows[person][activity], key: rest.dropFirst())
        }
        return place(people, row: personRows[person], key: rest.dropFirst())
    }

    /// The cell of `key` on `row`, or the row when the key has no column of its own (the person as a
    /// whole, a column the sheet lacks). A deeper key (`params.other.x`) falls back to its parent's column.
    private func place(_ sheet: Sheet, row: Int, key: Substring) -> String {
        var key = String(key)
        while !key.isEmpty {
            if let (column, name) = sheet.columns[key] {
                return "\(CellAddress(sheet: sheet.name, column: column, row: row))（\(name)）"
            }
            key = key.lastIndex(of: ".").map { String(key[..<$0]) } ?? ""
        }
        return "\(sheet.name) 第 \(row) 行"
    }

    /// `12]…` → 12, leaving `…`.
    private func index(_ text: inout Substring) -> Int? {
        guard let close = text.firstIndex(of: "]"), let n = Int(text[..<close]) else { return nil }
        text = text[text.index(after: close)...]
        return n
    }
}
