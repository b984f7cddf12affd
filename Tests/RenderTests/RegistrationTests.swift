import Foundation
import Layout
import Pipeline
import Records
import Render
import Testing
import TestSupport
import Documents
import Rules

@Suite("附件1 电子登记表 and the certificate pages")
struct RegistrationTests {
    @Test("the example renders: every valid person's documents, the unit's, the print job")
    func example() throws {
        let records = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.example)) as! [String: Any]
        let rendered = try Rendered(records)
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")
        for id in ["320302198001011239", "320303199107152348", "32032219720330345X"] {
            for file in ["registration.pdf", "certificate.pdf"] {
                #expect(FileManager.default.fileExists(atPath: rendered.person(id, file).path), "\(id)/\(file)")
            }
        }
        let unit = "徐州市第一人民医院"
        #expect(FileManager.default.fileExists(atPath: rendered.unit("annual-audit.pdf", name: unit).path))
        #expect(FileManager.default.fileExists(atPath: rendered.unit("registrations.pdf", name: unit).path))
        // No temporary file is left anywhere.
        #expect(!rendered.files.contains { $0.hasSuffix(".tmp") })

        let zhang = try Poppler.text(rendered.person("320302198001011239", "registration.pdf"))
        for expected in ["徐州市专业技术人员继续教育电子登记表", "张卫东", "320302198001011239", "中华医学会", "74"] {
            #expect(zhang.compact.contains(expected), "registration shows \(expected)")
        }
        // Unstamped, the agency's box is blank like the unit's, even for 张卫东, whose record carries an
        // audit: only the agency's stamp prints its words (cedocs stamp).
        #expect(!zhang.contains("审验合格") && !zhang.contains("2017年2月10日"))
        let maimaiti = try Poppler.text(rendered.person("32032219720330345X", "registration.pdf"))
        #expect(maimaiti.contains("买买提·艾力"))
        #expect(!maimaiti.contains("合格"))
        // The rare name character is text in the PDF, not a box.
        #expect(try Poppler.text(rendered.person("320303199107152348", "certificate.pdf")).contains("李𠀾"))
    }

    @Test("every font is embedded and subset; rare characters come from the fallback fonts")
    func fonts() throws {
        let people = [Samples.person(1, name: "赵𪛖"), Samples.person(2, name: "王䶮"), Samples.person(3, name: "张𡈽")]
        let rendered = try Rendered(Samples.records(people: people))
        let pdf = rendered.person(Samples.idNumber(1), "registration.pdf")
        let fonts = try Poppler.fonts(pdf)
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.embedded && font.subset, "\(font.name) embedded and subset")
        }
        #expect(fonts.contains { $0.name.contains("HanaMin") || $0.name.contains("BabelStone") },
                "a rare-character font drew 𪛖: \(fonts.map(\.name))")
        let text = try Poppler.text(pdf)
        #expect(text.contains("赵𪛖"))
        let names = try Poppler.text(rendered.unit("annual-audit.pdf"))
        for name in ["赵𪛖", "王䶮", "张𡈽"] { #expect(names.contains(name)) }
    }

    @Test("many activities flow onto continuation pages with the header repeated")
    func continuation() throws {
        let activities = (0..<40).map { Samples.activity(content: "第\($0 + 1)期专业技术讲座", subject: "professional", hours: 2, day: $0 % 28 + 1) }
        let rendered = try Rendered(Samples.records(people: [Samples.person(7, activities: activities)]))
        let pdf = rendered.person(Samples.idNumber(7), "registration.pdf")
        let pages = try Poppler.pages(pdf)
        #expect(pages.count >= 2)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("起止时间") && page.contains("施教机构"), "header on page \(index + 1)")
            #expect(page.contains("续表") == (index > 0))
            #expect(page.compact.contains("第\(index + 1)页共\(pages.count)页"))
        }
        #expect(pages.last!.contains("意见"))
        let all = pages.joined()
        for n in 1...40 { #expect(all.contains("第\(n)期专业技术讲座")) }
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let records = Samples.records(people: (0..<4).map { Samples.person($0, audit: $0 % 2 == 0) })
        let first = try Rendered(records, name: "first")
        let second = try Rendered(records, name: "second")
        #expect(first.files == second.files)
        #expect(first.files.count >= 10)
        for file in first.files where file.hasSuffix(".pdf") {
            let a = try Data(contentsOf: first.out.appendingPathComponent(file))
            let b = try Data(contentsOf: second.out.appendingPathComponent(file))
            #expect(a == b, "\(file) identical")
        }
    }

    @Test("a PDF drawn in this test bundle has the executable's bytes: both deflate Cairo's streams at level 2")
    func sameBytesAsTheExecutable() throws {
        // "cedocs 0.1.0", the first line of --version: the creator the executable writes into its PDFs.
        let creator = try Command.run(Repository.executable.path, ["--version"]).stdout
            .split(separator: "\n").first.map(String.init) ?? ""
        let shipped = Repository.temporaryFolder("shipped")
        let run = try Command.cedocs(["render", Repository.example.path, "--out", shipped.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let here = Repository.temporaryFolder("here")
        let loaded = try RecordsLoader.load(contentsOf: Repository.example)
        let job = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library, jobs: 1)
        let report = job.run(loaded, recordsFolder: Repository.example.deletingLastPathComponent(),
                             options: RenderOptions(output: here, png: false, creator: creator))
        #expect(report.failures.isEmpty, "\(report.failures)")
        let file = "people/320302198001011239/2016/registration.pdf"
        let drawnHere = try Data(contentsOf: here.appendingPathComponent(file))
        #expect(Set(PDFStreams.zlibHeaders(drawnHere)) == ["78 5E"])
        #expect(drawnHere == (try Data(contentsOf: shipped.appendingPathComponent(file))))
    }

    @Test("PDF metadata: title, the unit as author, the creator; no date unstamped (the audit's is the agency's), never the clock")
    func metadata() throws {
        let rendered = try Rendered(Samples.records(people: [Samples.person(1, audit: true), Samples.person(2)]))
        let audited = try Poppler.info(rendered.person(Samples.idNumber(1), "registration.pdf"))
        #expect(audited["Title"] == "测试1 2016年度电子登记表")
        #expect(audited["Author"] == "徐州市测试单位")
        #expect(audited["Creator"] == "cedocs test")
        #expect(audited["CreationDate"] == nil)
        let unaudited = try Poppler.info(rendered.person(Samples.idNumber(2), "registration.pdf"))
        #expect(unaudited["CreationDate"] == nil)
    }

    @Test("one thread (--jobs 1, drawn as it goes on the calling thread) and three write the same files, byte for byte")
    func sameBytesOnAnyNumberOfThreads() throws {
        let activities = (0..<30).map { Samples.activity(content: "讲座\($0)", subject: "professional", hours: 3, day: $0 % 28 + 1) }
        let people = (1...9).map { Samples.person($0, name: "人员\($0)", activities: $0 == 4 ? activities : nil) }
        let one = try Rendered(Samples.records(people: people), jobs: 1, name: "one-thread")
        let three = try Rendered(Samples.records(people: people), jobs: 3, name: "three-threads")
        #expect(one.report.failures.isEmpty && three.report.failures.isEmpty)
        let files = one.files.filter { $0.hasSuffix(".pdf") }
        #expect(files.count == 9 * 2 + 2, "\(files)")
        #expect(files == three.files.filter { $0.hasSuffix(".pdf") })
        for file in files {
            let a = try Data(contentsOf: one.out.appendingPathComponent(file))
            let b = try Data(contentsOf: three.out.appendingPathComponent(file))
            #expect(a == b, "\(file) differs between one thread and three")
        }
        #expect(try Poppler.pages(one.unit("registrations.pdf")).count >= 9 * 2 - 1)
    }

    @Test("the print job: every 附件1 in roster order, each starting on an odd page")
    func printJob() throws {
        let activities = (0..<30).map { Samples.activity(content: "讲座\($0)", subject: "professional", hours: 3, day: $0 % 28 + 1) }
        let people = [Samples.person(1, name: "甲"), Samples.person(2, name: "乙", activities: activities), Samples.person(3, name: "丙")]
        let rendered = try Rendered(Samples.records(people: people))
        let pages = try Poppler.pages(rendered.unit("registrations.pdf"))
        let starts = pages.enumerated().filter { $0.element.contains("电子登记表") && !$0.element.contains("续表") }.map { $0.offset + 1 }
        #expect(starts.count == 3)
        #expect(starts.allSatisfy { $0 % 2 == 1 }, "each person starts on an odd page: \(starts)")
        #expect(pages[starts[0] - 1].contains("甲") && pages[starts[1] - 1].contains("乙") && pages[starts[2] - 1].contains("丙"))
        // One outline entry per person, in roster order: the name and ID number, at the page where that
        // person starts.
        let outline = try PrintJobOutline.entries(rendered.unit("registrations.pdf"))
        #expect(outline.map(\.title) == ["甲 \(Samples.idNumber(1))", "乙 \(Samples.idNumber(2))", "丙 \(Samples.idNumber(3))"])
        #expect(outline.map(\.page) == starts)
    }
}
