import Foundation
import Records

/// A unit's workbook or CSV → checked records, every problem at its cell. The sheets become a
/// `cedocs/records/1` document (`RecordsAssembler`) that the records loader checks as it checks any
/// file; the loader's JSON paths are then placed in the sheets (`CellMap`), and the problems only the
/// import sees replace the loader's at the same value. Limits as for a records file: the inflated
/// size of a workbook is capped while it is read (`WorkbookParts`), and the people are counted
/// before the records are put together.
public enum SpreadsheetImport {
    /// What an import may cost. `inflatedBytes` caps all the parts of a workbook once inflated
    /// (XML is some 5 to 20 times its compressed size; a ZIP bomb far more).
    public struct Limits: Sendable {
        public var inflatedBytes: Int
        public var people: Int?

        public init(inflatedBytes: Int = 256 << 20, people: Int? = nil) {
            self.inflatedBytes = inflatedBytes
            self.people = people
        }
    }

    /// The records of the sheets, not yet checked, with the map of their cells and the import's own problems.
    public struct Converted: Sendable {
        /// The records file, UTF-8.
        public var json: [UInt8]
        public var locator: CellMap
        public var problems: [RecordsProblem]
    }

    public static func convert(_ data: Data, format: SpreadsheetFormat, fileName: String,
                               layout: WorkbookLayout = WorkbookLayout(),
                               limits: Limits = Limits()) throws(RecordsFileError) -> Converted {
        do throws(ImportError) {
            switch format {
            case .xlsx: return try convertWorkbook(data, fileName: fileName, layout: layout, limits: limits)
            case .csv: return try convertCSV(data, fileName: fileName, layout: layout, limits: limits)
            }
        } catch {
            throw error.recordsError
        }
    }

    /// Converted and checked, as `RecordsLoader.load` checks a records file, the problems placed in the sheets.
    public static func load(_ data: Data, format: SpreadsheetFormat, fileName: String,
                            limits: Limits = Limits(), keepingProblems limit: Int = .max) throws(RecordsFileError) -> LoadedRecords {
        try load(convert(data, format: format, fileName: fileName, limits: limits), fileName: fileName, limits: limits,
                 keepingProblems: limit)
    }

    /// Records converted already (`cedocs import` keeps their JSON), checked.
    public static func load(_ converted: Converted, fileName: String, limits: Limits = Limits(),
                            keepingProblems limit: Int = .max) throws(RecordsFileError) -> LoadedRecords {
        let merge = ImportedProblems(converted.problems, locator: converted.locator)
        do throws(RecordsFileError) {
            var loaded = try RecordsLoader.load(data: converted.json, fileName: fileName, peopleLimit: limits.people,
                                                keepingProblems: limit)
            merge.apply(to: &loaded)
            return loaded
        } catch {
            throw merge.applied(to: error)
        }
    }

    /// The bytes of a file, up to the inflated-size limit (a workbook is a ZIP: it is read whole).
    public static func read(contentsOf url: URL, limits: Limits = Limits()) throws(RecordsFileError) -> Data {
        let fileName = url.lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError.unusable(fileName, "找不到或无法读取文件 \(url.path)").recordsError
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limits.inflatedBytes + 1) ?? Data()
        } catch {
            throw ImportError.unusable(fileName, "无法读取文件 \(url.path)（\(error.localizedDescription)）").recordsError
        }
        guard data.count <= limits.inflatedBytes else {
            throw ImportError.unusable(fileName, "文件超过 \(limits.inflatedBytes >> 20) MB 的上限：请分批导入").recordsError
        }
        return data
    }

    private static func convertWorkbook(_ data: Data, fileName: String, layout: WorkbookLayout,
                                        limits: Limits) throws(ImportError) -> Converted {
        // The sheets are read in a function of their own, so that they are gone before the document is
        // written: the two never take memory at once.
        let (assembler, problems) = try readWorkbook(data, fileName: fileName, layout: layout, limits: limits)
        return Converted(json: assembler.document(), locator: assembler.map, problems: problems + assembler.problems)
    }

    /// Rows of 继续教育 read together on every core: a few MB of cells at a time.
    private static let activityRows = 4096

    private static func readWorkbook(_ data: Data, fileName: String, layout: WorkbookLayout,
                                     limits: Limits) throws(ImportError) -> (RecordsAssembler, [RecordsProblem]) {
        var workbook = try XLSXWorkbook(data, fileName: fileName, limit: limits.inflatedBytes)
        for name in [WorkbookLayout.unitSheet, WorkbookLayout.peopleSheet, WorkbookLayout.activitySheet] where !workbook.has(name) {
            throw .unusable(fileName, "工作簿中没有“\(name)”工作表：请使用 cedocs template xlsx 生成的登记表，不要改工作表的名称")
        }
        let unit = try workbook.table(WorkbookLayout.unitSheet), people = try workbook.table(WorkbookLayout.peopleSheet)
        if let limit = limits.people, people.rows.count - 1 > limit {
            var error = ImportError.unusable(fileName, "“\(people.name)”表超过 \(limit) 人的上限，未再往下读取：请分批提交")
            error.peopleLimit = limit
            throw error
        }
        var assembler = RecordsAssembler(layout: layout, unitSheet: unit.name, peopleSheet: people.name,
                                         activitySheet: WorkbookLayout.activitySheet)
        assembler.readUnit(unit)
        let peopleHeader = try header(people, layout.personColumns, fileName: fileName)
        assembler.readPeople(people, peopleHeader)
        // 继续教育 as it is parsed, a few thousand rows at a time: its first row is the header, each row
        // below an activity. The cells of one batch are read in the background while the next is parsed.
        var activities: HeaderRow?
        var missingID: Int?
        var pending: [SheetTable.Row] = []
        var reading: (claimed: RecordsAssembler.ClaimedRows, read: InBackground<[(json: OrderedJSON, problems: [RecordsProblem])?]>)?
        func placeRead() {
            if let (claimed, read) = reading { assembler.place(claimed, read.value) }
            reading = nil
        }
        func flush(_ header: HeaderRow) {
            placeRead()
            if let claimed = assembler.claim(pending, header, sheet: WorkbookLayout.activitySheet) {
                reading = (claimed, InBackground { claimed.read() })
            }
            pending = []
        }
        try workbook.rows(of: WorkbookLayout.activitySheet) { row in
            guard missingID == nil else { return }
            guard let header = activities else {
                activities = HeaderRow(SheetTable(name: WorkbookLayout.activitySheet, rows: [row]), layout: layout.activityColumns)
                if activities?.position(of: "id_number") == nil { missingID = row.number }
                return
            }
            pending.append(row)
            if pending.count == activityRows { flush(header) }
        }
        if let header = activities, missingID == nil { flush(header) }
        placeRead()
        if let row = missingID {
            throw .unusable(fileName, "“\(WorkbookLayout.activitySheet)”表第 \(row) 行没有“公民身份号码”列：表头应在第一行")
        }
        return (assembler, peopleHeader.extras + (activities?.extras ?? []))
    }

    private static func convertCSV(_ data: Data, fileName: String, layout: WorkbookLayout,
                                   limits: Limits) throws(ImportError) -> Converted {
        let table = try CSVReader.read(data, fileName: fileName)
        let header = try self.header(table, layout.flatColumns, fileName: fileName)
        var assembler = RecordsAssembler(layout: layout, unitSheet: table.name, peopleSheet: table.name,
                                         activitySheet: table.name)
        assembler.readFlat(table, header)
        return Converted(json: assembler.document(), locator: assembler.map, problems: header.extras + assembler.problems)
    }

    private static func header(_ table: SheetTable, _ columns: [Column], fileName: String) throws(ImportError) -> HeaderRow {
        guard let header = HeaderRow(table, layout: columns) else {
            throw .unusable(fileName, "“\(table.name)”中没有任何内容")
        }
        guard header.position(of: "id_number") != nil else {
            throw .unusable(fileName, "“\(table.name)”第 \(header.number) 行没有“公民身份号码”列：第一行应为表头（公民身份号码、姓名……）")
        }
        return header
    }
}
