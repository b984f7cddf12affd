import Foundation
import Records
@testable import Spreadsheet
import TestSupport
import Testing

/// 聘任周期 (细则二) in the workbook: the unit's two rows on sheet 单位, a person's own two columns on 人员
/// (one row with every column in CSV).
struct CycleImportTests {
    @Test("a filled template with the unit's cycle and one person's own imports to the same records")
    func workbook() throws {
        let example = try Sheets.example
        var unit = example.records.unit
        unit.appointmentCycle = AppointmentCycle(firstYear: 2016, years: 3)
        var people = try example.records.people.all()
        for index in people.indices { people[index].appointmentCycle = unit.appointmentCycle }
        people[0].appointmentCycle = AppointmentCycle(firstYear: 2015, years: 5)
        let loaded = try Sheets.load(TemplateWorkbook.data(year: example.records.year, unit: unit, people: people))
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.records.unit == unit)
        #expect(try loaded.records.people.all() == people)
    }

    @Test("CSV: the unit's cycle on the row, a person without their own takes it; a bad length names its cell")
    func csv() throws {
        func row(_ values: [String: String]) -> String {
            Sheets.layout.flatColumns.map { values[$0.key] ?? "" }.joined(separator: ",")
        }
        let header = Sheets.layout.flatColumns.map(\.header).joined(separator: ",")
        var values = ["unit.name": "徐州市第一人民医院", "unit.nature": "事业单位", "unit.authority": "徐州市卫生和计划生育委员会",
                      "year": "2016", "unit.appointment_cycle.first_year": "2016", "unit.appointment_cycle.years": "3",
                      "id_number": "320302198001011239", "name": "张卫东", "level": "中级",
                      "start": "2016-06-06", "end": "2016-06-07", "content": "急危重症护理技术培训班", "subject": "专业",
                      "kind": "高校、科研院所进修班、培训班、研修班", "hours": "16", "params.days": "2"]
        let loaded = try Sheets.load(Data((header + "\n" + row(values) + "\n").utf8), .csv, fileName: "登记表.csv")
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(try loaded.records.people.all().map(\.appointmentCycle) == [AppointmentCycle(firstYear: 2016, years: 3)])

        values["appointment_cycle.first_year"] = "2016"
        values["appointment_cycle.years"] = "20"
        let bad = try Sheets.load(Data((header + "\n" + row(values) + "\n").utf8), .csv, fileName: "登记表.csv")
        #expect(bad.rejected.count == 1)
        let problem = try #require(bad.rejected.first?.problems.first)
        #expect(problem.path == "people[0].appointment_cycle.years")
        #expect(problem.place != nil)
    }
}
