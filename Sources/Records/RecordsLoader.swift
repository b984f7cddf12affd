import Foundation

/// Decodes and validates a `cedocs/records/1` file.
///
/// Two levels of failure: the file as a whole (unreadable, not JSON, wrong schema, bad `year` or `unit`,
/// unknown top-level keys) throws `RecordsFileError`; a bad person only goes to `rejected`, and the
/// other people load. Every problem is reported at once, each with its JSON path.
public enum RecordsLoader {
    public static let schemaID = "cedocs/records/1"
    static let topKeys = ["schema", "year", "unit", "people"]
    static let years = 2000...2100
    /// Records in memory up to this size keep their people decoded (`PersonList`); a larger pipe is
    /// read again a person at a time, so that memory stays that of the bytes.
    static let decodedLimit = 64 << 20

    /// The message for a file that changed under the reader (cut short, written to).
    static let changedMessage = "文件在读取过程中被修改（被截短或写入），请不要在检查或生成时编辑记录文件，改好后重新运行"

    /// - Parameter limit: how many problems (and rejected people) to keep; all are counted
    ///   (`LoadedRecords.counts`). `cedocs check` keeps a few, so that memory does not follow the number
    ///   of bad people.
    public static func load(contentsOf url: URL, keepingProblems limit: Int = .max) throws(RecordsFileError) -> LoadedRecords {
        let fileName = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .file(fileName, "找不到文件 \(url.path)")
        }
        if isDirectory.boolValue { throw .file(fileName, "\(url.path) 是文件夹，不是记录文件") }
        return try load(RecordsBytes(contentsOf: url, fileName: fileName), keepingProblems: limit)
    }

    /// - Parameter peopleLimit: more people than this and the file is refused (`RecordsFileError.peopleLimit`)
    ///   as soon as the next one begins, before it is read: memory and time stay those of the limit.
    ///   Bytes up to `decodedLimit` are read where they are, not copied: the people are kept decoded,
    ///   so nothing refers to the bytes once the load returns.
    public static func load(data: some ContiguousBytes, fileName: String, peopleLimit: Int? = nil,
                            keepingProblems limit: Int = .max) throws(RecordsFileError) -> LoadedRecords {
        let loaded = data.withUnsafeBytes { bytes in
            Result { () throws(RecordsFileError) in
                let source = bytes.count <= decodedLimit ? RecordsBytes(borrowing: bytes, fileName: fileName)
                    : RecordsBytes(bytes, fileName: fileName)
                return try load(source, keepingProblems: limit, peopleLimit: peopleLimit)
            }
        }
        return try loaded.get()
    }

    /// Two passes over the bytes, neither holding more than one person: the file's syntax and its
    /// top-level members, noting where each person lies; then each person checked in turn. The
    /// people of a file are decoded once more when they are worked on; those of bytes in memory up to
    /// `decodedLimit` are kept as checked (`PersonList`).
    static func load(_ source: RecordsBytes, keepingProblems limit: Int = .max,
                     peopleLimit: Int? = nil) throws(RecordsFileError) -> LoadedRecords {
        let fileName = source.fileName
        let (tree, items) = try parse(source, peopleLimit: peopleLimit)

        var log = ProblemLog()
        var tally = ProblemTally(limit: limit)
        guard let root = ObjectReader(tree, path: "", label: "文件顶层", allowed: topKeys, log: &log) else {
            tally.add(log.problems)
            throw tally.fileError(fileName)
        }
        checkSchema(root, &log)
        let year = readYear(root, &log)
        var unit: EmployerUnit?
        if let node = root.required("unit", "单位信息", &log) {
            unit = UnitValidator.validate(node, log: &log)
        }
        if let node = root.required("people", "人员名单", &log), !node.isArray {
            log.error("people", "人员名单 people 应为数组 […]，实际为\(node.shortDescription)")
        }
        let fileUnusable = log.hasErrors
        tally.add(log.problems)

        // People are checked even when the file is unusable, so that the clerk sees everything at once.
        var ranges: [Range<Int>] = []
        var sourceIndices: [Int] = []
        var idNumbers = PackedStrings()
        ranges.reserveCapacity(items.count)
        sourceIndices.reserveCapacity(items.count)
        idNumbers.reserveCapacity(items.count, bytes: 18)
        var rejected = RejectedTally(limit: limit)
        var registry = PersonValidator.Registry()
        var release = RecordsBytes.ForwardRelease(source, from: 0)
        let keepDecoded = source.inMemory && source.buffer.count <= decodedLimit
        var decoded: [Person] = [], warnings: [[RecordsProblem]] = []
        // Each person is checked on its own, on every core; only whether an ID came earlier in the file
        // depends on the others, so that is decided in file order, and the rare person whose valid ID
        // did come earlier is checked again against the file's IDs, exactly as one pass in order would.
        // The unit's 聘任周期 is each person's unless the person gives one: read once, before the workers.
        let unitCycle = unit?.appointmentCycle
        let batches = ParallelBatches(count: items.count)
        let changed = RecordsFileError.file(fileName, changedMessage)
        try batches.run({ index -> PersonCheck? in
            // Parsed once already: only an edit to the file since then can make this fail.
            guard let item = try? JSONParser.parse(source.buffer, items[index]) else { return nil }
            var alone = PersonValidator.Registry()
            var log = ProblemLog(personIndex: index)
            let result = PersonValidator.validate(item, index: index, year: year, unitCycle: unitCycle,
                                                  registry: &alone, log: &log)
            return PersonCheck(item: item, result: result, log: log, validID: alone.keys.first)
        }, each: { (index, check) throws(RecordsFileError) in
            guard var check else { throw changed }
            release.passed(items[index].upperBound)
            if let id = check.validID {
                if registry[id] == nil {
                    registry[id] = index
                } else {
                    check.log = ProblemLog(personIndex: index)
                    check.result = PersonValidator.validate(check.item, index: index, year: year, unitCycle: unitCycle,
                                                            registry: &registry,
                                                            log: &check.log)
                }
            }
            tally.add(check.log.problems)
            if let person = check.result.person {
                ranges.append(items[index])
                sourceIndices.append(index)
                idNumbers.append(person.idNumber)
                if keepDecoded {
                    decoded.append(person)
                    warnings.append(check.log.problems)
                }
            } else {
                rejected.add(index: index, idNumber: check.result.idNumber, name: check.result.name,
                             problems: check.log.problems)
            }
        })
        source.release(0..<source.buffer.count)
        if source.changed { throw .file(fileName, changedMessage) }

        guard !fileUnusable, let year, let unit else { throw tally.fileError(fileName) }
        let people = keepDecoded ? PersonList(checked: decoded, warnings: warnings)
            : PersonList(bytes: source, ranges: ranges, sourceIndices: sourceIndices, idNumbers: idNumbers, year: year,
                         unitCycle: unitCycle)
        return LoadedRecords(fileName: fileName, records: RecordsFile(year: year, unit: unit, people: people),
                             sourceIndices: sourceIndices, rejected: rejected.kept, problems: tally.kept,
                             counts: ProblemCounts(errors: tally.errors, warnings: tally.warnings,
                                                   rejectedPeople: rejected.count, rejectedProblems: rejected.problems))
    }

    // MARK: file level

    /// Bytes → JSON tree without the people, and where each person lies; the encoding and syntax
    /// problems a clerk meets told in plain words. Pages are handed back as the parse passes them.
    private static func parse(_ source: RecordsBytes, peopleLimit: Int?) throws(RecordsFileError) -> (JSONNode, [Range<Int>]) {
        let bytes = source.buffer
        let fileName = source.fileName
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .file(fileName, "文件是 UTF-16 编码，请另存为 UTF-8 编码")
        }
        // Windows Notepad writes a UTF-8 byte-order mark; it is not part of the JSON.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = start..<bytes.count
        var release = RecordsBytes.ForwardRelease(source, from: start)
        if let offset = firstInvalidUTF8Offset(bytes, text, progress: { release.passed($0) }) {
            if source.changed { throw .file(fileName, changedMessage) }
            let at = TextPosition(offset: offset, in: bytes, from: start)
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            throw .file(fileName, "第 \(at.line) 行第 \(at.column) 列附近：文件不是 UTF-8 编码（字节 0x\(byte) 无效），可能是 GBK/GB 18030 编码，请另存为 UTF-8 编码")
        }
        source.release(text)
        release = RecordsBytes.ForwardRelease(source, from: start)
        if bytes[text].allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            throw .file(fileName, "文件为空")
        }
        var items: [Range<Int>] = []
        let people = JSONParser.Stream(key: "people", limit: peopleLimit ?? .max) { range in
            items.append(range)
            release.passed(range.upperBound)
        }
        do throws(JSONSyntaxError) {
            let tree = try JSONParser.parse(bytes, text, stream: people)
            source.release(text)
            return (tree, items)
        } catch let error where error.pastLimit {
            throw .tooManyPeople(fileName, limit: peopleLimit ?? .max)
        } catch {
            // A file cut short reads as zeros past its new end: that is the change, not the syntax.
            if source.changed { throw .file(fileName, changedMessage) }
            let at = TextPosition(offset: error.offset, in: bytes, from: start)
            throw .file(fileName, "第 \(at.line) 行第 \(at.column) 列附近：JSON 语法错误，\(error.message)")
        }
    }

    private static func checkSchema(_ root: ObjectReader, _ log: inout ProblemLog) {
        guard let node = root.required("schema", "格式标识", &log) else { return }
        guard case .string(schemaID) = node else {
            log.error("schema", "格式标识 schema 应为\(quoted(schemaID))，实际为\(node.shortDescription)；本程序只能读取这一格式")
            return
        }
    }

    private static func readYear(_ root: ObjectReader, _ log: inout ProblemLog) -> Int? {
        guard let node = root.required("year", "审验年度", &log) else { return nil }
        guard case .number(let d, let literal) = node, d == d.rounded() else {
            log.error("year", "审验年度 year 应为整数（如 2016），实际为\(node.shortDescription)")
            return nil
        }
        guard d >= Double(years.lowerBound), d <= Double(years.upperBound) else {
            log.error("year", "审验年度 \(literal) 不合理，应在 \(years.lowerBound) 到 \(years.upperBound) 之间")
            return nil
        }
        return Int(d)
    }
}

/// One person checked on its own (`ParallelBatches`), before the file's earlier IDs are known.
private struct PersonCheck {
    var item: JSONNode
    var result: PersonValidator.Result
    var log: ProblemLog
    /// The person's ID when it is valid: registered, unless an earlier person has it.
    var validID: String?
}
