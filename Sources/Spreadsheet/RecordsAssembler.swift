import Foundation
import Records

/// The sheets of a workbook (or the rows of a CSV) → a `cedocs/records/1` document, the map from its
/// JSON paths to the cells, and the problems only the import can see (an ID stored as a number, a
/// date it cannot read, a value not in a drop-down's list, an extra column), each at its cell.
/// Whether the records are right is the loader's business, not this one's.
struct RecordsAssembler {
    let layout: WorkbookLayout
    private(set) var problems: [RecordsProblem] = []
    private(set) var map: CellMap
    private var unit: [(String, OrderedJSON)] = []
    private var year: OrderedJSON?
    private var people: [[(String, OrderedJSON)]] = []
    /// Each person's activities, written as they are read, a line each.
    private var activities: [[OrderedJSON]] = []
    private var names: [String?] = []
    /// 公民身份号码 as written → index in `people`: activities join their person by it.
    private var byID: [String: Int] = [:]

    init(layout: WorkbookLayout, unitSheet: String, peopleSheet: String, activitySheet: String) {
        self.layout = layout
        map = CellMap(unitSheet: unitSheet, people: .init(name: peopleSheet, columns: [:]),
                      activities: .init(name: activitySheet, columns: [:]))
    }

    /// Sheet 单位: a label in column A, its value in column B.
    mutating func readUnit(_ table: SheetTable) {
        for row in table.rows {
            guard case .text(let label)? = row.cells[1] else { continue }
            let name = CellText.normalise(label)
            guard let column = layout.unitRows.first(where: { $0.matches(name) }) else {
                if row.number > 1 {
                    problems.append(RecordsProblem(severity: .warning, path: "$", message: "多出的项目“\(name)”不属于登记表，未读取",
                                                   place: "\(CellAddress(sheet: table.name, column: 1, row: row.number))"))
                }
                continue
            }
            let address = CellAddress(sheet: table.name, column: 2, row: row.number)
            unitValue(column, row.cells[2], at: address)
        }
    }

    private mutating func unitValue(_ column: Column, _ content: CellContent?, at address: CellAddress) {
        map.unit[column.key] = (address, column.name)
        guard let content,
              let value = Self.value(content, column, path: column.key, at: address, personIndex: nil, problems: &problems) else { return }
        if column.key == "year" { year = value } else { unit.append((String(column.key.dropFirst("unit.".count)), value)) }
    }

    /// Sheet 人员: a person a row.
    mutating func readPeople(_ table: SheetTable, _ header: HeaderRow) {
        map.people.columns = Self.columns(header)
        for row in header.rows(of: table) { addPerson(row, header, sheet: table.name) }
    }

    /// Rows of sheet 继续教育, each an activity under the person of its 公民身份号码, in three steps so
    /// that their cells can be read while the sheet is still being parsed: `claim` settles, in row
    /// order, whose each row is and its place among that person's activities; `read` (anywhere, on
    /// every core) reads the cells; `place` puts the activities in and keeps the problems in row order.
    struct ClaimedRows: Sendable {
        fileprivate let rows: [SheetTable.Row]
        fileprivate let header: HeaderRow
        fileprivate let sheet: String
        /// Each row's person and activity index; nil for a row that belongs to no one.
        fileprivate let owners: [(person: Int, index: Int)?]
        /// Each row's own problems of finding its person, in `problems`, from `first` on.
        fileprivate let lookups: [Range<Int>]
        fileprivate let first: Int

        /// Each row's activity and the problems of its cells.
        func read() -> [(json: OrderedJSON, problems: [RecordsProblem])?] {
            var read = [(json: OrderedJSON, problems: [RecordsProblem])?](repeating: nil, count: rows.count)
            ParallelBatches(count: rows.count, size: rows.count).run({ i in
                owners[i].map { RecordsAssembler.activity(rows[i], header, sheet: sheet, person: $0.person,
                                                          index: $0.index, skipping: ["id_number", "name"]) }
            }, each: { i, activity in read[i] = activity })
            return read
        }
    }

    /// Nil when the header has no 公民身份号码 column.
    mutating func claim(_ rows: [SheetTable.Row], _ header: HeaderRow, sheet: String) -> ClaimedRows? {
        if map.activities.columns.isEmpty { map.activities.columns = Self.columns(header) }
        guard let idColumn = header.position(of: "id_number") else { return nil }
        let nameColumn = header.position(of: "name")
        let first = problems.count
        var owners: [(person: Int, index: Int)?] = [], lookups: [Range<Int>] = []
        for row in rows {
            let start = problems.count
            let address = CellAddress(sheet: sheet, column: idColumn, row: row.number)
            if let person = person(of: row, idColumn: idColumn, at: address, nameColumn: nameColumn) {
                owners.append((person, activities[person].count))
                activities[person].append(.raw([]))
                map.activityRows[person].append(row.number)
            } else {
                owners.append(nil)
            }
            lookups.append(start..<problems.count)
        }
        return ClaimedRows(rows: rows, header: header, sheet: sheet, owners: owners, lookups: lookups, first: first)
    }

    /// The rows `claim` took, read: the last rows claimed (their problems end the list).
    mutating func place(_ claimed: ClaimedRows, _ read: [(json: OrderedJSON, problems: [RecordsProblem])?]) {
        var ordered: [RecordsProblem] = []
        for i in claimed.rows.indices {
            ordered += problems[claimed.lookups[i]]
            if let owner = claimed.owners[i], let activity = read[i] {
                activities[owner.person][owner.index] = activity.json
                ordered += activity.problems
            }
        }
        problems.replaceSubrange(claimed.first..., with: ordered)
    }

    /// The one-file CSV layout: the unit from the first row, a person from the first row of each
    /// 公民身份号码, an activity from every row that has one.
    mutating func readFlat(_ table: SheetTable, _ header: HeaderRow) {
        map.people.columns = Self.columns(header)
        map.activities.columns = map.people.columns
        let unitKeys = Set(layout.unitRows.map(\.key)), personKeys = Set(layout.personColumns.map(\.key))
        let activityKeys = Set(layout.activityColumns.map(\.key)).subtracting(["id_number", "name"])
        guard let idColumn = header.position(of: "id_number") else { return }
        for (index, row) in header.rows(of: table).enumerated() {
            if index == 0 {
                for (position, column) in header.columns where unitKeys.contains(column.key) {
                    unitValue(column, row.cells[position], at: CellAddress(sheet: table.name, column: position, row: row.number))
                }
            }
            let address = CellAddress(sheet: table.name, column: idColumn, row: row.number)
            var person = self.person(of: row, idColumn: idColumn, at: address, nameColumn: nil, reportMissing: false)
            if person == nil {
                let personHeader = header.columns.filter { personKeys.contains($0.value.key) }
                person = addPerson(row, header.only(personHeader), sheet: table.name)
            }
            guard let person,
                  header.columns.contains(where: { activityKeys.contains($0.value.key) && row.cells[$0.key] != nil }) else { continue }
            let activityHeader = header.columns.filter { activityKeys.contains($0.value.key) }
            addActivity(row, header.only(activityHeader), sheet: table.name,
                        person: person, skipping: [])
        }
    }

    @discardableResult
    private mutating func addPerson(_ row: SheetTable.Row, _ header: HeaderRow, sheet: String) -> Int? {
        let index = people.count
        var members: [(String, OrderedJSON)] = []
        for (position, column) in header.ordered {
            guard let content = row.cells[position] else { continue }
            let address = CellAddress(sheet: sheet, column: position, row: row.number)
            guard let value = Self.value(content, column, path: "people[\(index)].\(column.key)", at: address,
                                         personIndex: index, problems: &problems) else { continue }
            members.append((column.key, value))
        }
        guard !members.isEmpty else { return nil }
        people.append(members)
        activities.append([])
        map.personRows.append(row.number)
        map.activityRows.append([])
        names.append(members.first { $0.0 == "name" }.flatMap { if case .string(let s) = $0.1 { s } else { nil } })
        // The first of two people with one number takes the activities; the loader reports the second.
        if let position = header.position(of: "id_number"), let content = row.cells[position] {
            let id = Self.key(content)
            if byID[id] == nil { byID[id] = index }
        }
        return index
    }

    private mutating func addActivity(_ row: SheetTable.Row, _ header: HeaderRow, sheet: String, person: Int,
                                      skipping: [String]) {
        let activity = Self.activity(row, header, sheet: sheet, person: person, index: activities[person].count,
                                     skipping: skipping)
        activities[person].append(activity.json)
        map.activityRows[person].append(row.number)
        problems += activity.problems
    }

    /// A row as the person's `index`th activity, written on one line, with the problems of its cells.
    private static func activity(_ row: SheetTable.Row, _ header: HeaderRow, sheet: String, person: Int, index: Int,
                                 skipping: [String]) -> (json: OrderedJSON, problems: [RecordsProblem]) {
        var members: [(String, OrderedJSON)] = [], problems: [RecordsProblem] = []
        for (position, column) in header.ordered where !skipping.contains(column.key) {
            guard let content = row.cells[position] else { continue }
            let address = CellAddress(sheet: sheet, column: position, row: row.number)
            guard let value = value(content, column, path: "people[\(person)].activities[\(index)].\(column.key)",
                                    at: address, personIndex: person, problems: &problems) else { continue }
            members.append((column.key, value))
        }
        return (.raw(OrderedJSON.object(nest(members)).inline()), problems)
    }

    /// The person a row of activities belongs to; a number not in 人员 is reported at its cell.
    private mutating func person(of row: SheetTable.Row, idColumn: Int, at address: CellAddress, nameColumn: Int?,
                                 reportMissing: Bool = true) -> Int? {
        guard let content = row.cells[idColumn] else {
            if reportMissing, row.cells.values.contains(where: { !CellText.trim(CellReader.text($0)).isEmpty }) {
                problems.append(RecordsProblem(severity: .error, path: "$", message: "缺少公民身份号码，这一行学习记录不知道属于谁",
                                               place: "\(address)（公民身份号码）"))
            }
            return nil
        }
        let id = Self.key(content)
        if let person = byID[id] {
            if let nameColumn, case .text(let raw)? = row.cells[nameColumn], let name = names[person], CellText.trim(raw) != name {
                problems.append(RecordsProblem(severity: .warning, path: "$",
                                               message: "姓名“\(CellText.trim(raw))”与人员表中这个公民身份号码的姓名“\(name)”不同，请核对",
                                               place: "\(CellAddress(sheet: address.sheet, column: nameColumn, row: row.number))（姓名）"))
            }
            return person
        }
        if reportMissing {
            problems.append(RecordsProblem(severity: .error, path: "$",
                                           message: "公民身份号码 \(id) 不在“\(map.people.name)”表中：请先在人员表中登记这个人，或核对号码",
                                           place: "\(address)（公民身份号码）"))
        }
        return nil
    }

    /// How an activity finds its person: the ID cell as written, normalised (a number stays its literal,
    /// so a column of numbers still joins, and each person reports the number once).
    private static func key(_ content: CellContent) -> String { CellText.normalise(CellReader.text(content)).uppercased() }

    /// A cell's JSON value; an unreadable one is written as found and its problem kept. Nil for a blank cell.
    private static func value(_ content: CellContent, _ column: Column, path: @autoclosure () -> String,
                              at address: CellAddress, personIndex: Int?, problems: inout [RecordsProblem]) -> OrderedJSON? {
        if case .text(let raw) = content, CellText.trim(raw).isEmpty { return nil }
        switch CellReader.read(content, as: column) {
        case .value(let value):
            return value
        case .problem(let written, let message):
            problems.append(RecordsProblem(severity: .error, path: path(), message: message, personIndex: personIndex,
                                           place: "\(address)（\(column.name)）"))
            return written
        }
    }

    /// `audit.date`, `params.days`, `appointment_cycle.years` → nested objects, in the order first met.
    private static func nest(_ members: [(String, OrderedJSON)]) -> [(String, OrderedJSON)] {
        var out: [(String, OrderedJSON)] = []
        for (key, value) in members {
            guard let dot = key.utf8.firstIndex(of: UInt8(ascii: ".")) else { out.append((key, value)); continue }
            let group = String(key[..<dot]), member = (String(key[key.index(after: dot)...]), value)
            // A few groups of a few members, once for every activity: found in place, no table.
            if let index = out.firstIndex(where: { $0.0 == group }), case .object(var nested) = out[index].1 {
                nested.append(member)
                out[index].1 = .object(nested)
            } else {
                out.append((group, .object([member])))
            }
        }
        return out
    }

    private static func columns(_ header: HeaderRow) -> [String: (column: Int, name: String)] {
        Dictionary(header.columns.map { ($0.value.key, ($0.key, $0.value.name)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The document, with every person's activities in row order.
    func document() -> [UInt8] {
        var root: [(String, OrderedJSON)] = [("schema", .string(RecordsLoader.schemaID))]
        if let year { root.append(("year", year)) }
        root.append(("unit", .object(Self.nest(unit))))
        let list = people.indices.map { i -> OrderedJSON in
            var members = Self.nest(people[i])
            members.append(("activities", .array(activities[i])))
            return .object(members)
        }
        root.append(("people", .array(list)))
        // Reserved at once (the activities are most of it): growing by doubling would hold half again.
        var document: [UInt8] = []
        document.reserveCapacity(activities.reduce(people.count * 1024) { total, list in
            list.reduce(total) { if case .raw(let raw) = $1 { $0 + raw.count + 16 } else { $0 } }
        })
        OrderedJSON.object(root).write(to: &document)
        document.append(UInt8(ascii: "\n"))
        return document
    }
}
