import Archiving
import Foundation
import Testing
import TestSupport

@Suite("atomic files")
struct AtomicFileTests {
    /// While it is written the file has no name at all (O_TMPFILE, from the C headers): a run killed
    /// then leaves nothing behind. It takes its name only once complete.
    @Test func unnamedUntilComplete() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("document.pdf")
        var seen: [String]?
        try AtomicFile.write(to: target) { fd throws(AtomicFile.WriteError) in
            seen = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
            let bytes = Array("%PDF-1.7".utf8)
            _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        }
        #expect(seen == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["document.pdf"])
        #expect(try Data(contentsOf: target) == Data("%PDF-1.7".utf8))
    }
}
