import Archive
import Foundation
import Layout

/// 抽检名单: a drawn spot-check sample as the inspectors get it — a CSV list (for a spreadsheet)
/// and a PDF sheet laid out from `templates/sample.yaml` — each result with its serial, the person
/// masked, the unit, the verdict, and a blank column for the inspector's finding (抽检意见).
public struct SpotCheckSheet {
    public let groups: [SpotCheck.Group]
    public let rate: SampleRate
    public let seed: UInt64

    public init(groups: [SpotCheck.Group], rate: SampleRate, seed: UInt64) {
        self.groups = groups
        self.rate = rate
        self.seed = seed
    }

    /// The template's file name under `templates/`.
    public static let templateFile = "sample.yaml"

    static let columns = ["序号", "审验机构", "年度", "审验编号", "姓名", "公民身份号码", "工作单位", "审验结论", "抽检意见"]

    /// One row per drawn result, in the columns above (the finding left blank).
    var rows: [[String]] {
        var rows: [[String]] = []
        for group in groups {
            for entry in group.drawn {
                let result = entry.origin.result!
                rows.append([String(rows.count + 1), group.agencyName, String(group.year), result.serial,
                             result.maskedName, result.maskedID, entry.origin.unit ?? "", result.verdict, ""])
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

    /// The sheet's data for the template: the draw's facts, one table of groups (n, drawn), one of results.
    func data(creator: String) -> DocumentData {
        let drawn = groups.reduce(0) { $0 + $1.drawn.count }
        let population = groups.reduce(0) { $0 + $1.population }
        let keys = ["no", "agency", "year", "serial", "name", "id_number", "unit", "verdict", "finding"]
        return DocumentData(
            fields: ["sample.rate": rate.description, "sample.seed": String(seed),
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

    /// Lays the sheet out from `template` with `renderer`'s fonts and writes it as PDF to `target`.
    public func writePDF(template: URL, with renderer: RenderJob, creator: String, to target: URL) throws -> Int {
        guard let text = try? String(contentsOf: template, encoding: .utf8) else {
            throw TemplateError(file: template.path, key: "", message: "文件不存在或不是 UTF-8 文本")
        }
        let composer = DocumentComposer(template: try Template.parse(yaml: text, file: template.path),
                                        measurer: renderer.shaping)
        let document = try composer.compose(data(creator: creator))
        guard let bytes = renderer.shaping.pdf(document) else {
            throw AtomicFile.WriteError(path: target.path, reason: "PDF 生成失败")
        }
        try AtomicFile.write(bytes, to: target)
        return document.pages.count
    }
}
