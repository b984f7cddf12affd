import Foundation
import Testing
import TestSupport

/// `cedocs` as setup leaves it: a link on PATH to the build, run by name from any folder.
@Suite("cedocs on PATH")
struct OnPathTests {
    @Test("run by name through a link in another folder, from a third folder: finds templates and fonts, renders the example")
    func throughLink() throws {
        let bin = Repository.temporaryFolder("bin")
        let work = Repository.temporaryFolder("work")
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("cedocs"),
                                                   withDestinationURL: Repository.executable)
        // No CEDOCS_HOME, and argv[0] is the bare name: only the executable's own path leads to the checkout.
        let result = try Command.run("cedocs", ["render", Repository.example.path, "--out", "archive"],
                                     environment: ["PATH": "\(bin.path):/usr/bin:/bin"], currentDirectory: work)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: work.appendingPathComponent("archive").path)
        #expect(files.contains("people/320302198001011239/2016/registration.pdf"))
        #expect(files.contains("units/徐州市第一人民医院/2016/annual-audit.pdf"))
        let text = try Poppler.text(work.appendingPathComponent("archive/people/320302198001011239/2016/registration.pdf"))
        #expect(text.contains("张卫东"))
    }
}
