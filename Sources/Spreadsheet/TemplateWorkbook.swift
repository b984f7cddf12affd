import Foundation
import Records

/// The workbook a unit fills in (`cedocs template xlsx`): sheets 单位, 人员, 继续教育 and 填表说明,
/// drop-downs for every closed set (their lists on the hidden sheet 选项), the ID columns formatted
/// as text, dates as yyyy-mm-dd, the header rows frozen. Given records, it is filled with them.
public enum TemplateWorkbook {
    /// Rows below the header that the drop-downs and formats cover, beyond the rows filled.
    static let blankRows = 2_000

    public static func data(layout: WorkbookLayout = WorkbookLayout(), year: Int? = nil, unit: EmployerUnit? = nil,
                            people: [Person] = []) throws -> Data {
        var lists = ListSheet()
        var unitSheet = WorksheetXML(name: WorkbookLayout.unitSheet)
        unitSheet.columns = [(24, .plain), (48, .text)]
        unitSheet.rows = [[.text("项目"), .text("内容")]]
        for (i, column) in layout.unitRows.enumerated() {
            let value = unit.flatMap { unit in RecordsCells.unit(column.key, unit, year: year ?? 0) }
                ?? (column.key == "year" ? year.map { .number(String($0)) } : nil)
            unitSheet.rows.append([.text(column.header), value.map { cell($0, column) }])
            if let labels = column.labels {
                unitSheet.validations.append(.init(range: "B\(i + 2)", source: lists.add(labels)))
            }
        }

        var peopleSheet = sheet(WorkbookLayout.peopleSheet, layout.personColumns, rows: people.count, lists: &lists)
        peopleSheet.rows += people.map { person in
            layout.personColumns.map { column in RecordsCells.person(column.key, person).map { cell($0, column) } }
        }

        let activityCount = people.reduce(0) { $0 + $1.activities.count }
        var activitySheet = sheet(WorkbookLayout.activitySheet, layout.activityColumns, rows: activityCount, lists: &lists)
        for person in people {
            for activity in person.activities {
                activitySheet.rows.append(layout.activityColumns.map { column in
                    let value = column.key == "id_number" ? .string(person.idNumber)
                        : column.key == "name" ? .string(person.name) : RecordsCells.activity(column.key, activity)
                    return value.map { cell($0, column) }
                })
            }
        }

        var instructions = WorksheetXML(name: WorkbookLayout.instructionsSheet)
        instructions.columns = [(110, .wrapped)]
        instructions.header = false
        instructions.rows = FillInInstructions.lines(layout).map { [.text($0)] }

        return try WorkbookWriter.data([unitSheet, peopleSheet, activitySheet, instructions, lists.sheet])
    }

    /// A sheet of rows: the header, the columns' widths and formats, a drop-down on each closed set.
    private static func sheet(_ name: String, _ columns: [Column], rows: Int, lists: inout ListSheet) -> WorksheetXML {
        var sheet = WorksheetXML(name: name)
        sheet.columns = columns.map { column in
            switch column.value {
            case .idNumber: (column.width, .text)
            case .date: (column.width, .date)
            default: (column.width, .plain)
            }
        }
        sheet.rows = [columns.map { .text($0.header) }]
        let last = rows + 1 + blankRows
        for (i, column) in columns.enumerated() {
            guard let labels = column.labels else { continue }
            let letters = CellAddress.letters(i + 1)
            sheet.validations.append(.init(range: "\(letters)2:\(letters)\(last)", source: lists.add(labels)))
        }
        return sheet
    }

    /// A value as the clerk would have typed it: the label of a closed set, a date as a date.
    private static func cell(_ value: OrderedJSON, _ column: Column) -> WorksheetXML.Cell {
        if case .choice(let options) = column.value,
           let option = options.first(where: { same($0.value, value) }) {
            return .text(option.label)
        }
        switch value {
        case .string(let text):
            if case .date = column.value, let date = CalendarDate(iso: text) {
                return .number(String(CellDates.serial(date)), .date)
            }
            return .text(text)
        case .number(let literal): return .number(literal, .plain)
        case .bool(let flag): return .text(flag ? "是" : "否")
        case .array, .object, .raw: return .text("")
        }
    }

    private static func same(_ a: OrderedJSON, _ b: OrderedJSON) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        default: false
        }
    }

    /// The hidden sheet 选项: one column per list of labels, each list once.
    private struct ListSheet {
        var sheet = WorksheetXML(name: WorkbookLayout.listSheet, hidden: true, header: false)
        private var lists: [[String]] = []

        /// The range a list validation reads: `'选项'!$C$1:$C$5`.
        mutating func add(_ labels: [String]) -> String {
            let index = lists.firstIndex(of: labels) ?? {
                lists.append(labels)
                for (row, label) in labels.enumerated() {
                    while sheet.rows.count <= row { sheet.rows.append([]) }
                    while sheet.rows[row].count < lists.count - 1 { sheet.rows[row].append(nil) }
                    sheet.rows[row].append(.text(label))
                }
                return lists.count - 1
            }()
            let letters = CellAddress.letters(index + 1)
            return "'\(WorkbookLayout.listSheet)'!$\(letters)$1:$\(letters)$\(lists[index].count)"
        }
    }
}
