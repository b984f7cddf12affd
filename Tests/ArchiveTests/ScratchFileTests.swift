import Archiving
import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport

@Suite("scratch files")
struct ScratchFileTests {
    /// Threads append side by side; each reads back exactly what it wrote, and the folder never holds
    /// a name for the file, during the run or after it.
    @Test func appendsFromManyThreadsAndLeavesNoName() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = try ScratchFile(in: folder)
        let records = (0..<400).map { index in Array("record \(index) ".utf8) + Array(repeating: UInt8(index % 251), count: index * 7) }
        let ranges = Mutex<[Int: Range<Int>]>([:])
        DispatchQueue.concurrentPerform(iterations: records.count) { index in
            let range = try? scratch.append(records[index])
            ranges.withLock { $0[index] = range }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        let written = ranges.withLock { $0 }
        #expect(written.count == records.count)
        for (index, record) in records.enumerated() {
            let range = try #require(written[index])
            #expect(scratch.read(range) == record, "record \(index)")
        }
        // The ranges tile the file: none overlaps another.
        let sorted = written.values.sorted { $0.lowerBound < $1.lowerBound }
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(sorted.first?.lowerBound == 0)
    }

    /// A folder that cannot hold a file: the error names it, as a clerk reads it.
    @Test func namesTheFolderItCannotUse() throws {
        let file = Repository.temporaryFolder().appendingPathComponent("not-a-folder")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: file)
        #expect { _ = try ScratchFile(in: file) } throws: { "\($0)".contains(file.path) }
    }
}
