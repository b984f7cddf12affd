import Foundation
import Testing
import TestSupport

extension FaultSuite {
    /// `archive check` tells a PDF cut short (不完整) from a whole one, even when the manifest lists its bytes,
    /// and the next run writes it again.
    @Suite("incomplete files in the archive")
    struct IncompleteFileTests {
        static let printJob = "units/徐州市第一人民医院/2016/registrations.pdf"

        /// The first half of `url`'s bytes, as a full disk leaves a file written in place.
        func cut(_ url: URL) throws {
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count / 2).write(to: url)
        }

        func expectRewritten(_ out: URL) throws {
            let again = try Cedocs.run(["render", Repository.example.path, "--out", out.path])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try Command.run("/usr/bin/pdfinfo", [out.appendingPathComponent(Self.printJob).path]).status == 0)
            let check = try Cedocs.run(["archive", "check", out.path])
            #expect(check.status == 0, "\(check.stdout)")
            #expect(check.stdout.contains("不完整 0"))
        }

        @Test("a listed PDF cut short: 不完整, exit 1; the next render writes it again")
        func listedFileCut() throws {
            let out = Repository.temporaryFolder().appendingPathComponent("out")
            #expect(try Cedocs.run(["render", Repository.example.path, "--out", out.path]).status == 0)
            try cut(out.appendingPathComponent(Self.printJob))
            let check = try Cedocs.run(["archive", "check", out.path])
            #expect(check.status == 1)
            #expect(check.stdout.contains("不完整  \(Self.printJob)"), "\(check.stdout)")
            #expect(check.stdout.contains("不完整 1"))
            try expectRewritten(out)
        }

        @Test("a PDF cut short that only the journal announces (intent without done): 不完整, then written again")
        func announcedFileCut() throws {
            let folder = Repository.temporaryFolder()
            let whole = folder.appendingPathComponent("whole")
            #expect(try Cedocs.run(["render", Repository.example.path, "--out", whole.path]).status == 0)
            // A first run killed after the print job reached its name cut short: its intent is all the journal holds.
            let out = folder.appendingPathComponent("out")
            let target = out.appendingPathComponent(Self.printJob)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: whole.appendingPathComponent(Self.printJob), to: target)
            try cut(target)
            let intent = #"{"intent":{"origin":{"kind":"print-job","unit":"徐州市第一人民医院","year":2016},"path":"\#(Self.printJob)"}}"#
            try Data((intent + "\n").utf8).write(to: out.appendingPathComponent("manifest.journal"))

            let check = try Cedocs.run(["archive", "check", out.path])
            #expect(check.status == 1)
            #expect(check.stdout.contains("不完整  \(Self.printJob)"), "\(check.stdout)")
            // The manifest now lists the file as found, still not as whole.
            let again = try Cedocs.run(["archive", "check", out.path])
            #expect(again.status == 1 && again.stdout.contains("不完整 1"), "\(again.stdout)")
            try expectRewritten(out)
        }
    }
}
