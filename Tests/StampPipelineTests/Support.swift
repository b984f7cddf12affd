import Archiving
import Foundation
@testable import Pipeline
import Records
import Registry
import Stamping
import TestSupport

/// An agency made in the test (with the red-ring test seal, or none) and stamp runs through the real
/// pipeline into a fresh folder.
struct Agency {
    let folder: URL
    let profile: AgencyProfile
    /// Where its results go: its profile's registry.sqlite, or a PostgreSQL database.
    let registry: RegistryLocation

    /// A plain red ring on a transparent background: a stand-in for a seal scan, not an imitation of one.
    static let testSeal = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/red-ring.png")

    init(seal: Bool = true, districts: [String] = ["市直"], store: TestStore = .sqlite, name: String = #function) throws {
        folder = Repository.temporaryFolder(name)
        profile = try AgencyProfile.create(name: "徐州市职业技术培训中心", code: "XZPX", districts: districts,
                                           seal: seal ? Self.testSeal : nil, sealDiameter: 42,
                                           verifyBase: "https://verify.example.org/ce",
                                           config: folder.appendingPathComponent("config"))
        registry = store == .sqlite ? .file(profile.registryFile) : try store.location(name)
    }

    var out: URL { folder.appendingPathComponent("out") }

    /// Writes `records` beside the archive (as `name`) and stamps them: on the calling thread, as the
    /// service does, or on `jobs` threads, as `cedocs stamp` does.
    /// `listChunkRows`: how many people a chunk of the run's spilled lists holds.
    func stamp(_ records: [String: Any], name: String = "records.json", jobs: Int? = nil,
               listChunkRows: Int? = nil) throws -> StampReport {
        let file = try Samples.write(records, to: folder, name: name)
        let loaded = try RecordsLoader.load(contentsOf: file)
        let templates = try TemplateSet(folder: Repository.templates)
        let key = try AgencyKey(contentsOf: profile.signingKeyFile)
        let job = if let jobs {
            StampJob(templates: templates, fonts: TestFonts.library, jobs: jobs, profile: profile, key: key,
                     registry: try registry.open(create: true))
        } else {
            StampJob(renderer: DocumentRenderer(templates: templates, fonts: TestFonts.library), profile: profile, key: key,
                     registry: try registry.open(create: true))
        }
        if let listChunkRows { job.listChunkRows = listChunkRows }
        return try job.run(loaded, recordsFolder: folder, options: RenderOptions(output: out, creator: "cedocs test"))
    }

    var verifier: Verifier {
        get throws {
            Verifier(registry: try registry.open(create: false),
                     publicKey: try AgencyPublicKey(contentsOf: profile.publicKeyFile), agency: profile.code)
        }
    }

    func person(_ n: Int, _ file: String) -> URL {
        out.appendingPathComponent("people/\(Samples.idNumber(n))/2016/\(file)")
    }

    func unit(_ file: String) -> URL { out.appendingPathComponent("units/徐州市测试单位/2016/\(file)") }

    /// Every PDF under the archive with its SHA-256.
    func digests() throws -> [String: String] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".pdf") }
        return Dictionary(uniqueKeysWithValues: files.map { ($0, FileDigest.measure(out.appendingPathComponent($0))!.sha256) })
    }
}

/// Records for the tests: person 1 passes, person 2 fails (12 hours of 72), both examined by the agency.
enum Cases {
    static var failing: [[String: Any]] { [Samples.activity(hours: 12)] }

    static func examined(_ extra: [[String: Any]] = []) -> [String: Any] {
        Samples.records(people: [Samples.person(1, audit: true),
                                 Samples.person(2, activities: failing, audit: true)] + extra)
    }
}

/// A page as pdftoppm rasterises it (PPM), to look at the ink.
struct Raster {
    let width: Int
    let height: Int
    let dpi: Double
    private let rgb: [UInt8]

    init(_ pdf: URL, page: Int, dpi: Double = 100) throws {
        let prefix = Repository.temporaryFolder("raster").appendingPathComponent("page")
        try Command.run("pdftoppm", ["-r", String(Int(dpi)), "-f", String(page), "-l", String(page), "-singlefile",
                                     pdf.path, prefix.path])
        let data = Array(try Data(contentsOf: prefix.appendingPathExtension("ppm")))
        // "P6", width, height, maxval, each followed by one white space, then RGB bytes.
        var fields: [Int] = []
        var index = 2
        while fields.count < 3 {
            while data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var value = 0
            while (0x30...0x39).contains(data[index]) { value = value * 10 + Int(data[index] - 0x30); index += 1 }
            fields.append(value)
        }
        width = fields[0]
        height = fields[1]
        self.dpi = dpi
        rgb = Array(data[(index + 1)...])
    }

    /// Pixels of seal red (not black text, not grey rules) inside a rectangle given in points.
    func redPixels(xMin: Double, yMin: Double, xMax: Double, yMax: Double) -> Int {
        let scale = dpi / 72
        var count = 0
        for y in max(0, Int(yMin * scale))..<min(height, Int(yMax * scale)) {
            for x in max(0, Int(xMin * scale))..<min(width, Int(xMax * scale)) {
                let i = (y * width + x) * 3
                if rgb[i] > 150 && rgb[i + 1] < 110 && rgb[i + 2] < 110 { count += 1 }
            }
        }
        return count
    }

    var redPixels: Int { redPixels(xMin: 0, yMin: 0, xMax: Double(width), yMax: Double(height)) }
}

enum RecordsLoaderFixture {
    static func load(_ records: [String: Any], in folder: URL) throws -> LoadedRecords {
        try RecordsLoader.load(contentsOf: Samples.write(records, to: folder, name: "plain.json"))
    }
}
