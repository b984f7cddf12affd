import Archiving
import Foundation
import Testing

/// Nothing from the data decides a path outside the archive.
@Suite("safe names and archive paths")
struct SafeNameTests {
    @Test("unit names that try to leave the archive stay one folder inside units/",
          arguments: ["../../etc", "/", "..", ".", "a/../../b", "/etc/passwd", "..\\..\\windows", "单位\u{0}名称",
                      "单位\n名称\r\t", "\u{202E}gpj.exe", "   ", "", String(repeating: "很长的单位名称", count: 40),
                      String(repeating: "a", count: 300) + "/../x"])
    func unitNames(_ name: String) throws {
        let root = URL(fileURLWithPath: "/archive")
        let folder = ArchiveLayout(root: root).unitFolder(name: name, year: 2016)
        let component = ArchiveLayout.unitComponent(name)
        #expect(folder.path == "/archive/units/\(component)/2016")
        #expect(component.hasPrefix(SafeName.make(name)))
        #expect(!component.contains("/") && !component.contains("\\") && component != "." && component != "..")
        #expect(!component.hasPrefix("."))
        #expect(component.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control && $0.properties.generalCategory != .format })
        #expect(component.utf8.count <= 180 + 9)
        #expect(ArchivePath.relative(folder, to: root) == "units/\(component)/2016")
    }

    @Test("Chinese unit names are kept as they are")
    func chineseKept() {
        #expect(SafeName.make("徐州市第一人民医院") == "徐州市第一人民医院")
        #expect(SafeName.make("徐州市/铜山区 医院") == "徐州市_铜山区 医院")
    }

    @Test("only validated ID numbers become person folders")
    func personFolders() {
        let layout = ArchiveLayout(root: URL(fileURLWithPath: "/archive"))
        #expect(layout.personFolder(id: "320302198001011239", year: 2016)?.path == "/archive/people/320302198001011239/2016")
        for bad in ["../../../../etc/x", "32030219800101123/", "3203021980010112३9", "", "/"] {
            #expect(layout.personFolder(id: bad, year: 2016) == nil)
        }
    }

    @Test("paths read from a manifest never leave the archive")
    func manifestPaths() {
        for bad in ["../x", "/etc/passwd", "people/../../x", "people//x", "", "a/./b", "a\0b"] {
            #expect(!ArchivePath.isSafe(bad), "\(bad)")
        }
        #expect(ArchivePath.isSafe("people/320302198001011239/2016/registration.pdf"))
    }
}
