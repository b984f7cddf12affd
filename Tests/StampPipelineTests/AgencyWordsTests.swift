import Foundation
import Pipeline
import Records
import Testing
import TestSupport

/// 审验意见 is the agency's word: it reaches a page only through the agency's stamp (issue 12, point 5).
@Suite("the agency's words come only from the agency")
struct AgencyWordsTests {
    /// Renders `records` unstamped, as a unit does (`cedocs render`), into `out`.
    func render(_ records: [String: Any], in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try Samples.write(records, to: folder)
        let loaded = try RecordsLoader.load(contentsOf: file)
        let out = folder.appendingPathComponent("out")
        let report = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library, jobs: 2)
            .run(loaded, recordsFolder: folder, options: RenderOptions(output: out, creator: "cedocs test"))
        #expect(report.failures.isEmpty, "\(report.failures)")
        return out
    }

    /// Person 1 passes, person 2 fails on hours, person 3 passes on hours but the agency overrides it.
    func records(audit: Bool) -> [String: Any] {
        var overridden = Samples.person(3, audit: audit)
        if audit { overridden["audit"] = ["agency": "徐州市职业技术培训中心", "date": "2017-02-11", "override": "fail",
                                         "remarks": "证明材料经核查不实"] }
        return Samples.records(people: [Samples.person(1, audit: audit),
                                        Samples.person(2, activities: Cases.failing, audit: audit), overridden])
    }

    @Test("an unstamped render prints the agency's box exactly as without an audit: blank, placeholder, 年 月 日")
    func unstampedIsBlank() throws {
        let folder = Repository.temporaryFolder()
        let audited = try render(records(audit: true), in: folder.appendingPathComponent("audited"))
        let plain = try render(records(audit: false), in: folder.appendingPathComponent("plain"))
        var files = (1...3).flatMap { n in
            ["registration.pdf", "certificate.pdf"].map { "people/\(Samples.idNumber(n))/2016/\($0)" }
        }
        files.append("units/徐州市测试单位/2016/annual-audit.pdf")
        for file in files {
            let text = try Poppler.text(audited.appendingPathComponent(file))
            // Whatever `audit` says, the page reads as the unaudited record's.
            #expect(text == (try Poppler.text(plain.appendingPathComponent(file))), "\(file)")
            for words in ["审验合格", "审验不合格", "2017年2月10日", "2017年2月11日", "证明材料经核查不实", "审验编号", "经审验"] {
                #expect(!text.compact.contains(words), "\(file) does not print \(words)")
            }
            #expect(text.compact.contains("（审验印章）"), "\(file) keeps the seal placeholder")
        }
        // Both opinion boxes of 附件1 end in a blank date for the hand.
        let registration = try Poppler.text(audited.appendingPathComponent(files[0])).compact
        #expect(registration.components(separatedBy: "年月日").count - 1 == 2)
        // The roster's result column awaits the agency too.
        let roster = try Poppler.text(audited.appendingPathComponent(files.last!)).compact
        #expect(roster.contains("达到要求（待审验）") && roster.contains("未达要求（待审验）"))
    }

    @Test("only stamp prints the opinion (every reason of a fail), the agency's date, the serial")
    func stampPrintsTheOpinion() throws {
        let agency = try Agency()
        let report = try agency.stamp(records(audit: true))
        #expect(report.issued.count == 4)
        let pass = try Poppler.text(agency.person(1, "registration.pdf")).compact
        #expect(pass.contains("继续教育审验合格") && pass.contains("2017年2月10日") && pass.contains("审验编号：XZPX-2016-000001"))
        // The stamped file is dated the day of the agency's opinion.
        #expect(try Poppler.info(agency.person(1, "registration.pdf"))["CreationDate"]?.contains("2017") == true)
        let fail = try Poppler.text(agency.person(2, "certificate.pdf")).compact
        #expect(fail.contains("继续教育审验不合格：总学时12，应达72"))
        let overridden = try Poppler.text(agency.person(3, "registration.pdf")).compact
        #expect(overridden.contains("继续教育审验不合格：证明材料经核查不实") && overridden.contains("2017年2月11日"))
        let roster = try Poppler.text(agency.unit("annual-audit.pdf")).compact
        #expect(roster.contains("经审验，本单位1人合格，2人不合格。") && roster.contains("2017年2月11日"))
        #expect(!roster.contains("待审验"))
    }

    @Test("the serial is printed on the line under the opinion, in the body's face: the opinion alone is in kai")
    func serialUnderTheOpinion() throws {
        let agency = try Agency()
        _ = try agency.stamp(records(audit: true))
        for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
            let pdf = agency.person(1, file)
            // One kai subset, the opinion's: no second one for the serial's Latin letters and digits.
            #expect(try Poppler.fonts(pdf).filter { $0.name.contains("WenKai") }.count == 1, "\(file)")
            // The page of the agency's box (the certificate's is not its first).
            let page = try #require(try (1...Poppler.pageCount(pdf)).first { try Poppler.text(pdf, page: $0).contains("继续教育审验合格") })
            let words = try Poppler.words(pdf, page: page)
            let opinion = try #require(words.first { $0.text == "继续教育审验合格" }, "\(file)")
            let serial = try #require(words.first { $0.text == "审验编号：XZPX-2016-000001" }, "\(file)")
            #expect(abs(serial.xMin - opinion.xMin) < 1 && serial.yMin > opinion.yMin && serial.yMin < opinion.yMax + 10, "\(file)")
        }
    }

    @Test("check still shows the verdict the rules give")
    func checkShowsTheVerdict() throws {
        let folder = Repository.temporaryFolder()
        let file = try Samples.write(records(audit: true), to: folder)
        let result = try Command.cedocs(["check", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("不合格：证明材料经核查不实"))
        #expect(result.stdout.contains("有效 3，合格 1，不合格 2"))
    }
}
