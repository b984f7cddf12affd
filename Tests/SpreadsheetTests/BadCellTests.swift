import Foundation
import Records
import Reports
@testable import Spreadsheet
import TestSupport
import Testing
import ZIPFoundation

/// What real files hold, each named by its sheet, cell and column, all at once.
struct BadCellTests {
    let id = "320302198001011239"

    @Test func idStoredAsANumberIsReportedAtItsCellWithTheFix() throws {
        let loaded = try Sheets.load(Sheets.workbook(people: [Sheets.person(.number("3.20302198001011E+17", .plain))],
                                                     activities: []))
        #expect(loaded.records.people.isEmpty)
        #expect(loaded.rejected.count == 1)
        let lines = loaded.errors.map(\.description)
        #expect(lines == ["人员!A2（公民身份号码）: 公民身份号码被保存为数字（3.20302E+17），Excel 只保留 15 位有效数字，末几位已丢失："
                          + "请把这一列设置为“文本”格式后重新输入完整的号码"], "\(lines)")
    }

    @Test func idShownInScientificNotationInACSVIsReported() throws {
        let csv = "公民身份号码,姓名,职称级别,单位名称,单位性质,主管部门,审验年度\n3.20302E+17,张卫东,中级,某医院,事业单位,卫健委,2016\n"
        let lines = try Sheets.lines(Sheets.load(Data(csv.utf8), .csv, fileName: "名单.csv"))
        #expect(lines.contains { $0.hasPrefix("名单.csv!A2（公民身份号码）: 公民身份号码显示为科学计数法（3.20302E+17）") }, "\(lines)")
    }

    @Test func datesAsSerialNumbersAndAsClerksTypeThem() throws {
        let rows = [
            Sheets.activity(id, ["start": .number("42527", .date), "end": .number("42528", .date)]),
            Sheets.activity(id, ["start": .text("2016.6.6"), "end": .text("2016/6/7")]),
            Sheets.activity(id, ["start": .text("2016年6月6日"), "end": .text(" 2016-06-07 ")]),
        ]
        let loaded = try Sheets.load(Sheets.workbook(people: [Sheets.person(.text(id))], activities: rows))
        let person = try loaded.records.people.person(at: 0)
        #expect(person.activities.map(\.start.description) == ["2016-06-06", "2016-06-06", "2016-06-06"])
        #expect(person.activities.map(\.end.description) == ["2016-06-07", "2016-06-07", "2016-06-07"])
    }

    @Test func unreadableDateIsReportedAtItsCell() throws {
        let rows = [Sheets.activity(id), Sheets.activity(id, ["end": .text("2016.13.1")])]
        let loaded = try Sheets.load(Sheets.workbook(people: [Sheets.person(.text(id))], activities: rows))
        #expect(Sheets.lines(loaded) == ["继续教育!D3（结束日期）: 结束日期“2016.13.1”无法识别为日期，请写成 2016-03-01、2016/3/1、2016.3.1 或 2016年3月1日"])
        #expect(loaded.rejected.count == 1)
    }

    @Test func fullWidthDigitsLettersAndBlanksAreRead() throws {
        let loaded = try Sheets.load(Sheets.workbook(
            people: [Sheets.person(.text("　３２０３０２１９８００１０１１２３９ "), name: " 张卫东 ")],
            activities: [Sheets.activity("32030219800101123９", ["hours": .text("１６"), "subject": .text(" 专业")])]))
        #expect(Sheets.lines(loaded).isEmpty, "\(Sheets.lines(loaded))")
        let person = try loaded.records.people.person(at: 0)
        #expect(person.idNumber == id && person.name == "张卫东")
        #expect(person.activities.first?.hours == 16)
    }

    @Test func emptyRowsBetweenDataAreSkippedAndRowsKeepTheirNumbers() throws {
        let blank = [WorksheetXML.Cell?](repeating: nil, count: 3)
        let rows = [Sheets.activity(id), blank, blank, Sheets.activity(id, ["end": .text("2016-06-01")])]
        let loaded = try Sheets.load(Sheets.workbook(people: [blank, Sheets.person(.text(id))], activities: rows))
        // The activity that ends before it starts is on row 5; the person on row 3.
        #expect(loaded.rejected.first?.problems.map(\.place) == ["继续教育!D5（结束日期）"])
        let report = CheckPlaces(loaded)
        #expect(report.rejected == ["人员 第 3 行"])
    }

    @Test func unknownKindNamesTheKindsOfTheRules() throws {
        let rows = [Sheets.activity(id, ["kind": .text("培训")])]
        let lines = try Sheets.lines(Sheets.load(Sheets.workbook(people: [Sheets.person(.text(id))], activities: rows)))
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("继续教育!H2（类别）: 类别“培训”不是可选的值，应为：继续教育基地培训班、高校、科研院所进修班、培训班、研修班、"))
    }

    @Test func extraColumnIsReportedNotFatal() throws {
        var row = Sheets.activity(id)
        row.append(.text("张主任审核"))
        let loaded = try Sheets.load(Sheets.workbook(people: [Sheets.person(.text(id))], activities: [row],
                                                     extraHeaders: ["备注"]))
        let column = CellAddress.letters(Sheets.layout.activityColumns.count + 1)
        #expect(Sheets.lines(loaded) == ["继续教育!\(column)1（备注）: 多出的列“备注”不属于登记表，未读取；如是有用的信息，请放到对应的列中"])
        #expect(loaded.records.people.count == 1 && loaded.errors.isEmpty)
    }

    @Test func activityOfSomeoneNotInPeopleIsReported() throws {
        let other = "32032219720330345X"
        let loaded = try Sheets.load(Sheets.workbook(people: [Sheets.person(.text(id))],
                                                     activities: [Sheets.activity(id), Sheets.activity(other)]))
        #expect(Sheets.lines(loaded) == ["继续教育!A3（公民身份号码）: 公民身份号码 \(other) 不在“人员”表中：请先在人员表中登记这个人，或核对号码"])
        #expect(loaded.hasErrorsOutside)
    }

    @Test func loaderAndRulesProblemsArePlacedInTheirCells() throws {
        let other = "32032219720330345X"
        let loaded = try Sheets.load(Sheets.workbook(
            people: [Sheets.person(.text(id), level: "特级"), Sheets.person(.text(other), name: "买买提·艾力", level: "高级")],
            activities: [Sheets.activity(id), Sheets.activity(other, ["hours": .number("20", .plain)])]))
        // The loader's: a value outside its closed set.
        #expect(loaded.rejected.first?.problems.compactMap(\.place) == ["人员!F2（职称级别）"])
        // The rules': 2 days of 培训班 make 16 hours, not 20; placed on the activity's row.
        let report = try CheckReport(loaded)
        let ruled = report.people.first?.problems.first
        #expect(ruled?.severity == "error" && ruled?.place == "继续教育 第 3 行", "\(String(describing: ruled))")
        #expect(report.people.first?.place == "人员 第 3 行")
        #expect(report.rejected.first?.place == "人员 第 2 行")
    }

    @Test func everyProblemAtOnceWhenTheFileIsUnusable() throws {
        let data = try Sheets.workbook(unit: Array(Sheets.unitRows.dropLast()),
                                       people: [Sheets.person(.text(id), level: "特级")], activities: [Sheets.activity(id)])
        #expect {
            try Sheets.load(data)
        } throws: { error in
            let places = (error as? RecordsFileError)?.problems.compactMap(\.place) ?? []
            return places.contains("单位 工作表") && places.contains("人员!F2（职称级别）")
        }
    }

    @Test func aZipBombIsStoppedAtTheInflatedLimit() throws {
        let huge = Data(repeating: UInt8(ascii: " "), count: 4 << 20)
        let archive = try Archive(data: Data(), accessMode: .create)
        for path in ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(huge.count), compressionMethod: .deflate) {
                huge.subdata(in: Int($0)..<Int($0) + $1)
            }
        }
        let bomb = try #require(archive.data)
        #expect(bomb.count < 100_000)
        #expect {
            try Sheets.load(bomb, limits: .init(inflatedBytes: 1 << 20))
        } throws: { error in
            (error as? RecordsFileError)?.problems.first?.message.contains("解压后超过 1 MB 的上限") == true
        }
    }

    @Test func tooManyPeopleIsRefusedBeforeTheRecordsAreMade() throws {
        let people = (0..<3).map { _ in Sheets.person(.text(id)) }
        #expect {
            try Sheets.load(Sheets.workbook(people: people, activities: []), limits: .init(people: 2))
        } throws: { error in
            (error as? RecordsFileError)?.peopleLimit == 2
        }
    }

    @Test func notAWorkbookIsUnusable() throws {
        #expect {
            try Sheets.load(Data("not a zip".utf8))
        } throws: { error in
            (error as? RecordsFileError)?.problems.first?.message.contains("不是有效的 XLSX 工作簿") == true
        }
    }
}

/// The places a check report gives, as `cedocs check` prints them.
private struct CheckPlaces {
    let rejected: [String?]

    init(_ loaded: LoadedRecords) {
        rejected = loaded.rejected.map { loaded.locator?.place(of: "people[\($0.index)]") }
    }
}

private extension LoadedRecords {
    var hasErrorsOutside: Bool { problems.contains { $0.isError && $0.personIndex == nil } }
}

/// Parts other programs write differently from cedocs: inline strings, rich-text runs, empty cells,
/// rows and cells without their `r` reference.
struct OtherWritersTests {
    @Test func inlineAndRichTextStringsAndRowsWithoutReferences() throws {
        let written = try Sheets.workbook(people: [Sheets.person(.text("placeholder"))], activities: [Sheets.activity()])
        let source = try Archive(data: written, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        // 人员 as another writer might put it: inline strings, the name in two runs, no references.
        let headers = Sheets.layout.personColumns.map(\.header)
        func inline(_ text: String) -> String { "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        let header = "<row>" + headers.map(inline).joined() + "</row>"
        let person = "<row>" + inline("320302198001011239")
            + "<c t=\"inlineStr\"><is><r><t>张</t></r><r><rPr><b/></rPr><t>卫东</t></r></is></c>"
            + "<c/><c/><c/>" + inline("中级") + "</row>"
        parts["xl/worksheets/sheet2.xml"] = Data(("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
            + "spreadsheetml/2006/main\"><sheetData>\(header)\(person)</sheetData></worksheet>").utf8)
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                data.subdata(in: Int($0)..<Int($0) + $1)
            }
        }
        let loaded = try Sheets.load(try #require(archive.data))
        let person0 = try loaded.records.people.person(at: 0)
        #expect(person0.idNumber == "320302198001011239" && person0.name == "张卫东" && person0.level == .intermediate)
        #expect(person0.activities.count == 1)
        #expect(Sheets.lines(loaded).isEmpty, "\(Sheets.lines(loaded))")
    }
}
