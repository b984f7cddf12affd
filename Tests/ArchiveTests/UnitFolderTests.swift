import Archiving
import Foundation
import Testing
import TestSupport

/// A unit's folder belongs to that unit alone (issue 12, point 6).
@Suite("unit folders are never shared")
struct UnitFolderTests {
    /// Renders a one-person file of unit `unit` into `out` through the binary; its exit status.
    func render(unit: String, into out: URL, in folder: URL, n: Int) throws -> CommandResult {
        let file = try Samples.write(Samples.records(people: [Samples.person(n)], unit: unit), to: folder,
                                     name: "unit\(n).json")
        return try cedocs(["render", file.path, "--out", out.path, "--only", "annual-audit"])
    }

    @Test("a name that is already safe is its folder; a sanitised one gets a short hash of the exact name")
    func rule() {
        #expect(ArchiveLayout.unitComponent("徐州市第一人民医院") == "徐州市第一人民医院")
        let slash = ArchiveLayout.unitComponent("甲单位/一")
        let colon = ArchiveLayout.unitComponent("甲单位:一")
        #expect(slash.hasPrefix("甲单位_一-") && colon.hasPrefix("甲单位_一-"))
        #expect(slash != colon)
        #expect(slash.count == "甲单位_一-".count + 8)
        #expect(ArchiveLayout.unitComponent("甲单位/一") == slash, "the same name, the same folder")
    }

    @Test("“甲单位/一” and “甲单位:一” rendered into one archive keep two folders and two 附件2")
    func twoUnits() throws {
        let folder = Repository.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        #expect(try render(unit: "甲单位/一", into: out, in: folder, n: 1).status == 0)
        #expect(try render(unit: "甲单位:一", into: out, in: folder, n: 2).status == 0)
        let audits = try manifestEntries(out).filter { ($0["kind"] as? String) == "annual-audit" }
        #expect(Set(audits.compactMap { $0["unit"] as? String }) == ["甲单位/一", "甲单位:一"])
        #expect(Set(audits.compactMap { $0["path"] as? String }).count == 2)
        for entry in audits {
            let path = try #require(entry["path"] as? String)
            let text = try Poppler.text(out.appendingPathComponent(path))
            #expect(text.contains(try #require(entry["unit"] as? String)), "\(path) is that unit's own")
        }
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
    }

    @Test("an archive made before: the old folder stays with the one unit the manifest gives it, never shared")
    func oldLayout() throws {
        let folder = Repository.temporaryFolder()
        let out = folder.appendingPathComponent("out")
        #expect(try render(unit: "甲单位/一", into: out, in: folder, n: 1).status == 0)
        // Made into the layout of before: the folder was the safe name alone.
        let new = ArchiveLayout.unitComponent("甲单位/一")
        try FileManager.default.moveItem(at: out.appendingPathComponent("units/\(new)"),
                                         to: out.appendingPathComponent("units/甲单位_一"))
        let manifest = out.appendingPathComponent("manifest.json")
        try Data(try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "units/\(new)/", with: "units/甲单位_一/").utf8)
            .write(to: manifest)
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("units/甲单位_一/2016/annual-audit.pdf"))

        // The same unit again: its old folder, its file unchanged and not written again.
        let again = try render(unit: "甲单位/一", into: out, in: folder, n: 1)
        #expect(again.status == 0)
        #expect(again.stdout.contains("已生成 0 个文件"), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("units/\(new)").path))
        // The other unit whose safe name is the same gets a folder of its own.
        #expect(try render(unit: "甲单位:一", into: out, in: folder, n: 2).status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("units/甲单位_一/2016/annual-audit.pdf")) == before)
        let colon = out.appendingPathComponent("units/\(ArchiveLayout.unitComponent("甲单位:一"))/2016/annual-audit.pdf")
        #expect(try Poppler.text(colon).contains("甲单位:一"))
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
    }

    @Test("an old folder that the manifest shows shared by two units is given to neither")
    func sharedOldFolder() throws {
        let out = Repository.temporaryFolder().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        func entry(_ unit: String, _ file: String) -> String {
            #"{"kind":"annual-audit","path":"units/甲单位_一/2016/\#(file)","sha256":"00","size":1,"unit":"\#(unit)","year":2016}"#
        }
        let manifest = #"{"schema":"cedocs/manifest/1","files":["# + "\n" + entry("甲单位/一", "a.pdf") + ",\n"
            + entry("甲单位:一", "b.pdf") + "\n]}\n"
        try Data(manifest.utf8).write(to: out.appendingPathComponent("manifest.json"))
        let store = try ArchiveStore(root: out)
        defer { try? store.close() }
        #expect(try store.layout().unitComponent("甲单位/一") == ArchiveLayout.unitComponent("甲单位/一"))
        #expect(try store.layout().unitComponent("甲单位:一") == ArchiveLayout.unitComponent("甲单位:一"))
    }
}
