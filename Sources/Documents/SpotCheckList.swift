import Layout

/// 抽检名单: a drawn spot-check sample as the inspectors get it — a CSV list (for a spreadsheet) and
/// a sheet laid out like every other document (`DocumentKind.spotCheck`) — each result with its
/// serial, the person masked (个人信息保护), the unit, the verdict, and a blank column for the
/// inspector's finding (抽检意见).
public struct SpotCheckList: Sendable {
    /// The results of one agency and year, and how many were drawn from how many.
    public struct Group: Sendable {
        public var agency: String
        public var agencyName: String
        public var year: Int
        public var population: Int
        public var drawn: [Drawn]

        public init(agency: String, agencyName: String, year: Int, population: Int, drawn: [Drawn]) {
            self.agency = agency
            self.agencyName = agencyName
            self.year = year
            self.population = population
            self.drawn = drawn
        }
    }

    /// One drawn result, as the archive's manifest keeps it (masked).
    public struct Drawn: Sendable {
        public var serial: String
        public var maskedName: String
        public var maskedID: String
        public var unit: String
        public var verdict: String

        public init(serial: String, maskedName: String, maskedID: String, unit: String, verdict: String) {
            self.serial = serial
            self.maskedName = maskedName
            self.maskedID = maskedID
            self.unit = unit
            self.verdict = verdict
        }
    }

    public let groups: [Group]
    /// The rate as drawn, e.g. "20%".
    public let rate: String
    public let seed: UInt64

    public init(groups: [Group], rate: String, seed: UInt64) {
        self.groups = groups
        self.rate = rate
        self.seed = seed
    }

    static let columns = ["序号", "审验机构", "年度", "审验编号", "姓名", "公民身份号码", "工作单位", "审验结论", "抽检意见"]

    /// One row per drawn result, in the columns above (the finding left blank).
    var rows: [[String]] {
        var rows: [[String]] = []
        for group in groups {
            for result in group.drawn {
                rows.append([String(rows.count + 1), group.agencyName, String(group.year), result.serial,
                             result.maskedName, result.maskedID, result.unit, result.verdict, ""])
            }
        }
        return rows
    }

    /// UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese right.
    public func csv() -> [UInt8] {
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let lines = ([Self.columns] + rows).map { $0.map(field).joined(separator: ",") }
        return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The sheet's data for its template: the draw's facts, one table of groups, one of results.
    public func data(creator: String) -> DocumentData {
        let drawn = groups.reduce(0) { $0 + $1.drawn.count }
        let population = groups.reduce(0) { $0 + $1.population }
        let keys = ["no", "agency", "year", "serial", "name", "id_number", "unit", "verdict", "finding"]
        return DocumentData(
            fields: ["sample.rate": rate, "sample.seed": String(seed),
                     "sample.summary": "\(groups.count) 组（审验机构、年度），结果 \(population) 份，抽取 \(drawn) 份"],
            tables: [
                "groups": TableRows(groups.map { group -> TableRow in
                    ["agency": "\(group.agencyName)（\(group.agency)）", "year": String(group.year),
                     "population": String(group.population), "drawn": String(group.drawn.count)]
                }),
                "results": TableRows(rows.map { TableRow(text: Dictionary(uniqueKeysWithValues: zip(keys, $0))) }),
            ],
            subject: "抽检名单（随机种子 \(seed)）",
            metadata: DocumentMetadata(title: "继续教育审验结果抽检名单", author: "徐州市职称办",
                                       subject: "抽检率 \(rate)，随机种子 \(seed)", creator: creator))
    }
}
