import Foundation
import Pipeline
import Records
import Render
import Rules
import TestSupport

/// Renders a records dictionary through the real pipeline into a fresh folder.
struct Rendered {
    let folder: URL
    let report: RenderReport
    let loaded: LoadedRecords

    init(_ records: [String: Any], png: Bool = false, engine: RulesEngine = RulesEngine(), jobs: Int = 2,
         name: String = #function) throws {
        folder = Repository.temporaryFolder(name)
        let file = try Samples.write(records, to: folder)
        loaded = try RecordsLoader.load(contentsOf: file)
        // Two threads by default, as on the machines it runs on: concurrency is part of what is tested.
        let job = BatchRenderer(templates: try TemplateSet(folder: Repository.templates), fonts: TestFonts.library, engine: engine,
                                jobs: jobs)
        report = job.run(loaded, recordsFolder: folder,
                         options: RenderOptions(output: folder.appendingPathComponent("out"), png: png, creator: "cedocs test"))
    }

    var out: URL { folder.appendingPathComponent("out") }

    func person(_ id: String, _ file: String) -> URL {
        out.appendingPathComponent("people/\(id)/2016/\(file)")
    }

    func unit(_ file: String, name: String = "徐州市测试单位") -> URL {
        out.appendingPathComponent("units/\(name)/2016/\(file)")
    }

    /// Every file under the output folder, relative paths.
    var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: out.path)
        return (enumerator?.allObjects as? [String] ?? []).sorted()
    }
}
