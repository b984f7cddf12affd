import Foundation
import Pipeline
import Registry
import Stamping
import Testing
import TestSupport

@Suite("cedocs stamp: stamped documents, results and the registry")
struct StampTests {
    @Test("each examined person gets three stamped files; the unaudited and other agencies' people none",
          arguments: TestStore.allCases)
    func whoIsStamped(_ store: TestStore) throws {
        let agency = try Agency(store: store)
        var other = Samples.person(4, audit: true)
        other["audit"] = ["agency": "铜山区职称办", "date": "2017-02-10"]
        let report = try agency.stamp(Cases.examined([Samples.person(3), other]))
        #expect(report.issued.map(\.serial.description) == ["XZPX-2016-000001", "XZPX-2016-000002"])
        #expect(report.issued.map(\.verdict) == ["合格", "不合格"])
        #expect(report.rendering.failures.isEmpty)
        let reasons = report.skipped.map(\.description)
        #expect(reasons.count == 3)
        #expect(reasons[0].contains(Samples.idNumber(3)) && reasons[0].contains("尚未审验"))
        #expect(reasons[1].contains("铜山区职称办"))
        #expect(reasons[2].contains("年度审验表") && reasons[2].contains("2 人未出具结果"))
        for n in [1, 2] {
            for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
                #expect(FileManager.default.fileExists(atPath: agency.person(n, file).path), "\(n) \(file)")
            }
        }
        for n in [3, 4] {
            #expect(!FileManager.default.fileExists(atPath: agency.person(n, "").path), "person \(n) is left alone")
        }
        #expect(!FileManager.default.fileExists(atPath: agency.unit("annual-audit.pdf").path))
    }

    @Test("on three threads a run issues the serials in roster order and writes the files the calling thread writes; again, it reuses them all")
    func threadsKeepTheRosterOrder() throws {
        // Passing, failing and unaudited people interleaved: the threads check and issue them out of order.
        let people = (1...12).map { n in
            n % 4 == 0 ? Samples.person(n) : Samples.person(n, activities: n % 3 == 0 ? Cases.failing : nil, audit: true)
        }
        let records = Samples.records(people: people)
        let inline = try Agency(name: "inline"), threaded = try Agency(name: "threaded")
        let one = try inline.stamp(records)
        let three = try threaded.stamp(records, jobs: 3)
        func issued(_ report: StampReport) -> [String] {
            report.issued.map { "\($0.subject) \($0.serial) \($0.verdict) \($0.reused)" }
        }
        #expect(three.issued.map(\.serial.sequence) == Array(1...9))
        #expect(issued(three) == issued(one))
        #expect(three.skipped.map(\.description) == one.skipped.map(\.description))
        // The result sheets carry each agency's own signature; the other files are the same bytes.
        let files = try inline.digests().filter { !$0.key.hasSuffix("result.pdf") }
        #expect(files.count == 18)
        #expect(files == (try threaded.digests().filter { !$0.key.hasSuffix("result.pdf") }))
        let again = try threaded.stamp(records, jobs: 3)
        #expect(again.issued.allSatisfy(\.reused) && again.issued.map(\.serial) == three.issued.map(\.serial))
    }

    @Test("with its lists spilled to disk a chunk of three at a time, a run issues and writes what one holding them in memory does")
    func spilledListsStampTheSame() throws {
        // Everyone examined, so that the unit's 附件2 is stamped too and its signed content lists every serial.
        let records = Samples.records(people: (1...10).map { Samples.person($0, activities: $0 % 3 == 0 ? Cases.failing : nil, audit: true) })
        let memory = try Agency(name: "memory"), spilled = try Agency(name: "spilled")
        let kept = try memory.stamp(records, jobs: 2)
        let spilling = try spilled.stamp(records, jobs: 2, listChunkRows: 3)
        func lines(_ report: StampReport) -> [String] {
            report.issued.map { "\($0.subject) \($0.serial) \($0.verdict) \($0.reused)" }
        }
        #expect(spilling.issued.count == 11 && spilling.issued.last?.subject.contains("年度审验表") == true)
        #expect(lines(spilling) == lines(kept))
        #expect(spilling.issued.readFailure == nil)
        let unit = try #require(spilling.issued.last?.serial)
        let content = try #require(try spilled.registry.open(create: false).issued(unit)).signed.content.text
        #expect(content.contains("results=" + (1...10).map { "\(spilled.profile.code)-2016-\(String(format: "%06d", $0))" }.joined(separator: " ") + "\n"))
        // The result sheets carry each agency's own signature; 附件2 made from spilled rows is the same bytes.
        let files = try memory.digests().filter { !$0.key.hasSuffix("result.pdf") }
        #expect(files.keys.contains { $0.hasSuffix("annual-audit.pdf") })
        #expect(files == (try spilled.digests().filter { !$0.key.hasSuffix("result.pdf") }))
    }

    @Test("a 不合格 person never carries 合格: opinion, certificate and result sheet all say 不合格")
    func failNeverPasses() throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
            let failing = try Poppler.text(agency.person(2, file)).compact
            #expect(failing.contains("继续教育审验不合格"), "\(file)")
            #expect(!failing.contains("继续教育审验合格"), "\(file)")
            #expect(failing.contains("总学时12，应达72"), "\(file) gives the reasons")
            let passing = try Poppler.text(agency.person(1, file)).compact
            #expect(passing.contains("继续教育审验合格"), "\(file)")
        }
        let sheet = try Poppler.text(agency.person(2, "result.pdf")).compact
        #expect(sheet.contains("审验结论不合格"))
        #expect(!sheet.contains("审验结论合格"))
    }

    @Test("the seal is red over the date (骑年盖月) and never over the opinion text",
          arguments: [("registration.pdf", 1), ("certificate.pdf", 3), ("result.pdf", 1)])
    func sealOnThePage(file: String, page: Int) throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        let pdf = agency.person(1, file)
        let raster = try Raster(pdf, page: page)
        let words = try Poppler.words(pdf, page: page)
        // The date line of the agency's opinion box: the lowest date on the page.
        let date = try #require(words.filter { $0.text.contains("2017年") }.max { $0.yMin < $1.yMin })
        // The seal (42 mm ≈ 119 pt) is centred on the 月 a little above the date line.
        #expect(raster.redPixels(xMin: date.xMin - 40, yMin: date.yMin - 90, xMax: date.xMax + 60, yMax: date.yMax + 45) > 500)
        let opinion = words.filter { $0.text.contains("审验") || $0.text.contains("XZPX") }
            .filter { $0.yMin < date.yMin - 20 }
        #expect(opinion.contains { $0.text.contains("审验合格") })
        for word in opinion {
            #expect(raster.redPixels(xMin: word.xMin, yMin: word.yMin, xMax: word.xMax, yMax: word.yMax) == 0,
                    "no seal ink over “\(word.text)”")
        }
    }

    @Test("without a seal image the agency's slot keeps its dashed placeholder")
    func placeholderWithoutSeal() throws {
        let agency = try Agency(seal: false)
        _ = try agency.stamp(Cases.examined())
        let pdf = agency.person(1, "registration.pdf")
        #expect(try Raster(pdf, page: 1).redPixels == 0)
        #expect(try Poppler.text(pdf).compact.contains("（审验印章）"))
        let sealed = try Agency()
        _ = try sealed.stamp(Cases.examined())
        #expect(!(try Poppler.text(sealed.person(1, "registration.pdf")).compact.contains("（审验印章）")))
    }

    @Test("the QR code decodes with zbarimg to a URL that verifies; serial and check code are printed under it")
    func qrCodeVerifies() throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        let pdf = agency.person(1, "result.pdf")
        // As a screen shows it and as a printer prints it, through both of Poppler's renderers.
        var urls: Set<String> = []
        for renderer in ["pdftoppm", "pdftocairo"] {
            for dpi in [150, 300] {
                let prefix = Repository.temporaryFolder("qr").appendingPathComponent("result")
                try Command.run(renderer, ["-r", "\(dpi)", "-png", "-singlefile", pdf.path, prefix.path])
                let decoded = try Command.run("zbarimg", ["--raw", "-q", prefix.appendingPathExtension("png").path])
                #expect(decoded.status == 0, "\(renderer) at \(dpi) dpi: \(decoded.stderr)")
                urls.insert(decoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        #expect(urls.count == 1, "\(urls)")
        let url = try #require(urls.first)
        #expect(url.hasPrefix("https://verify.example.org/ce/XZPX-2016-000001?sig="))
        let link = try #require(VerificationLink(url: url))
        guard case .genuine(let issued, _) = try agency.verifier.verify(link) else {
            Issue.record("the decoded URL does not verify")
            return
        }
        #expect(issued.signed.content["person_id"] == Samples.idNumber(1))
        let text = try Poppler.text(pdf).compact
        #expect(text.contains("审验编号XZPX-2016-000001"))
        #expect(text.contains("校验码\(issued.signed.checkCode)"))
    }

    @Test("stamping the same records again: the same serials, byte-identical files, nothing new registered",
          arguments: TestStore.allCases)
    func restampIsIdentical(_ store: TestStore) throws {
        let agency = try Agency(store: store)
        let first = try agency.stamp(Cases.examined())
        #expect(first.issued.map(\.serial.description) == ["XZPX-2016-000001", "XZPX-2016-000002", "XZPX-2016-000003"])
        #expect(first.skipped.isEmpty)
        let before = try agency.digests()
        #expect(before.count == 7)
        let again = try agency.stamp(Cases.examined())
        #expect(again.issued.map(\.serial) == first.issued.map(\.serial))
        #expect(again.issued.allSatisfy { $0.reused })
        #expect(try agency.digests() == before)
        let registry = try agency.registry.open(create: true)
        #expect(try registry.run { try $0.nextSerial(agency: "XZPX", year: 2016) }.description == "XZPX-2016-000004")
    }

    @Test("changed records: a new serial, the old result superseded, the unchanged person's kept",
          arguments: TestStore.allCases)
    func changedRecord(_ store: TestStore) throws {
        let agency = try Agency(store: store)
        _ = try agency.stamp(Cases.examined())
        var records = Cases.examined()
        var people = records["people"] as! [[String: Any]]
        people[1]["activities"] = [Samples.activity(hours: 24)]
        records["people"] = people
        let second = try agency.stamp(records)
        #expect(second.issued.map(\.serial.description) == ["XZPX-2016-000001", "XZPX-2016-000004", "XZPX-2016-000005"])
        #expect(second.issued.map(\.reused) == [true, false, false])
        #expect(second.issued[1].replaced?.description == "XZPX-2016-000002")
        let verifier = try agency.verifier
        guard case .superseded(let old) = try verifier.verify(Serial("XZPX-2016-000002")!) else {
            Issue.record("the replaced result is reported superseded")
            return
        }
        #expect(old.supersededBy?.description == "XZPX-2016-000004")
        guard case .genuine = try verifier.verify(pdf: Array(try Data(contentsOf: agency.person(2, "registration.pdf")))) else {
            Issue.record("the new file verifies")
            return
        }
    }

    @Test("the unit's 附件2 is stamped once everyone has a result, and verifies as a file")
    func rosterStamped() throws {
        let agency = try Agency()
        let report = try agency.stamp(Cases.examined())
        #expect(report.issued.last?.verdict == "1人合格，1人不合格")
        let pdf = agency.unit("annual-audit.pdf")
        let text = try Poppler.text(pdf).compact
        #expect(text.contains("经审验，本单位1人合格，1人不合格。"))
        #expect(text.contains("审验编号：XZPX-2016-000003"))
        guard case .genuine(let issued, let document) = try agency.verifier.verify(pdf: Array(try Data(contentsOf: pdf))) else {
            Issue.record("the stamped 附件2 verifies")
            return
        }
        #expect(document?.kind == "annual-audit")
        #expect(issued.signed.content["results"] == "XZPX-2016-000001 XZPX-2016-000002")
        let raster = try Raster(pdf, page: 1)
        #expect(raster.redPixels > 500)
    }

    @Test("stamp runs at once for one agency and year, each through its own connection: every serial once, none skipped",
          arguments: TestStore.allCases)
    func concurrentRuns(_ store: TestStore) throws {
        let agency = try Agency(store: store)
        let runs = 3
        let reports = Reports()
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let records = Samples.records(people: [Samples.person(10 * run + 1, audit: true), Samples.person(10 * run + 2, audit: true)],
                                          unit: "徐州市测试单位\(run)")
            reports.add(Result { try agency.stamp(records, name: "records-\(run).json") })
        }
        let issued = try reports.all.map { try $0.get() }.flatMap(\.issued)
        // Two people and the unit's 附件2 in each run.
        #expect(issued.map(\.serial.sequence).sorted() == Array(1...(3 * runs)))
        let registry = try agency.registry.open(create: false)
        #expect(try registry.results(year: 2016).map(\.serial.sequence) == Array(1...(3 * runs)))
    }

    @Test("a unit outside the agency's districts is refused, and nothing is written or registered")
    func districtRefused() throws {
        let agency = try Agency(districts: ["铜山区"])
        let error = try #require(throws: StampingError.self) { try agency.stamp(Cases.examined()) }
        #expect(error.message.contains("徐州市测试单位") && error.message.contains("市直") && error.message.contains("铜山区"))
        #expect(!FileManager.default.fileExists(atPath: agency.out.path))
        let registry = try SQLiteRegistry(file: agency.profile.registryFile, create: true)
        #expect(try registry.run { try $0.nextSerial(agency: "XZPX", year: 2016) }.sequence == 1)
    }
}

/// What the threads of a test gave.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [Result<StampReport, any Error>] = []

    func add(_ report: Result<StampReport, any Error>) { lock.withLock { reports.append(report) } }
    var all: [Result<StampReport, any Error>] { lock.withLock { reports } }
}

@Suite("cedocs verify: genuine, altered, forged")
struct VerifyTests {
    @Test("the issued files are genuine; a tampered PDF is altered; a forged serial or signature is refused",
          arguments: TestStore.allCases)
    func outcomes(_ store: TestStore) throws {
        let agency = try Agency(store: store)
        _ = try agency.stamp(Cases.examined())
        let verifier = try agency.verifier
        for file in ["registration.pdf", "certificate.pdf", "result.pdf"] {
            guard case .genuine(_, let document) = try verifier.verify(pdf: Array(try Data(contentsOf: agency.person(1, file)))) else {
                Issue.record("\(file) verifies")
                continue
            }
            #expect(document?.kind == String(file.dropLast(4)))
        }
        // One byte changed in the middle of the file (a hours figure edited, say).
        var bytes = Array(try Data(contentsOf: agency.person(1, "registration.pdf")))
        bytes[bytes.count / 2] ^= 0x01
        guard case .altered(let issued) = try verifier.verify(pdf: bytes) else {
            Issue.record("a changed file is altered")
            return
        }
        #expect(issued.serial.description == "XZPX-2016-000001")

        guard case .unknown = try verifier.verify(Serial("XZPX-2016-000777")!) else {
            Issue.record("a made-up serial is unknown")
            return
        }
        // A URL with a real serial but a signature made with another key.
        let genuine = try #require(try agency.registry.open(create: false).issued(Serial("XZPX-2016-000001")!))
        let forged = try AgencyKey().sign(genuine.signed.content)
        guard case .forged = try verifier.verify(VerificationLink(serial: genuine.serial, signature: forged.signature)) else {
            Issue.record("a signature by another key is forged")
            return
        }
        guard case .genuine = try verifier.verify(VerificationLink(serial: genuine.serial, signature: genuine.signed.signature)) else {
            Issue.record("the real link verifies")
            return
        }
    }

    @Test("an unstamped document is not a result")
    func unstampedIsUnknown() throws {
        let agency = try Agency()
        _ = try agency.stamp(Cases.examined())
        let job = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library)
        let plain = agency.folder.appendingPathComponent("plain")
        _ = job.run(try RecordsLoaderFixture.load(Cases.examined(), in: agency.folder), recordsFolder: agency.folder,
                    options: RenderOptions(output: plain, creator: "cedocs test"))
        let bytes = Array(try Data(contentsOf: plain.appendingPathComponent("people/\(Samples.idNumber(1))/2016/registration.pdf")))
        guard case .unknown = try agency.verifier.verify(pdf: bytes) else {
            Issue.record("an unstamped registration is unknown")
            return
        }
    }
}
