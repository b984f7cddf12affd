@testable import Archiving
import Foundation
import Testing
import TestSupport

/// The manifest's index on disk (issue 18): a run's memory does not follow the number of files.
@Suite("archive store: the manifest's index on disk")
struct ManifestIndexTests {
    let origin = FileOrigin(person: "320302198001011239", unit: "徐州市测试单位", year: 2016, kind: "registration", input: "abc")

    func path(_ n: Int) -> String { "people/3203021980\(String(format: "%06d", n))/2016/registration.pdf" }

    @Test("kept beside the manifest while the archive is open, never listed or checked, removed at close")
    func livesWithTheRun() throws {
        let root = Repository.temporaryFolder()
        let index = root.appendingPathComponent(ArchivePath.index)
        let store = try ArchiveStore(root: root)
        for n in 0..<300 { try record(path(n), origin, wholePDF("\(n)"), in: store) }
        #expect(FileManager.default.fileExists(atPath: index.path))
        let check = try ArchiveCheck(store)
        #expect(check.isClean && check.intact == 300, "the index is the archive's own, not an unlisted file")
        #expect(store.entry(path(299))?.sha256 == FileDigest.sha256(wholePDF("299")))
        try store.close()
        #expect(!FileManager.default.fileExists(atPath: index.path))
        #expect(try manifestEntries(root).count == 300)
    }

    @Test("one a killed run left, even a broken one, is replaced: the next opening rebuilds it from the manifest")
    func leftoverReplaced() throws {
        let root = Repository.temporaryFolder()
        let store = try ArchiveStore(root: root)
        try record(path(1), origin, wholePDF("one"), in: store)
        try store.close()
        try Data("not a database".utf8).write(to: root.appendingPathComponent(ArchivePath.index))
        let reopened = try ArchiveStore(root: root)
        #expect(reopened.isCurrent(path(1), input: "abc"))
        #expect(try reopened.entries().map(\.path) == [path(1)])
        try reopened.close()
    }

    @Test("a store closed but still held does not remove the index the next opening made")
    func closedStoreLeavesTheNextIndex() throws {
        let root = Repository.temporaryFolder()
        let index = root.appendingPathComponent(ArchivePath.index)
        var first: ArchiveStore? = try ArchiveStore(root: root)
        try first?.close()
        let second = try ArchiveStore(root: root)
        try record(path(1), origin, wholePDF("one"), in: second)
        first = nil
        #expect(FileManager.default.fileExists(atPath: index.path))
        #expect(second.isCurrent(path(1), input: "abc"))
        try second.close()
        #expect(!FileManager.default.fileExists(atPath: index.path))
    }

    @Test("paths under a folder are found by their prefix only, whatever their characters")
    func prefix() throws {
        let root = Repository.temporaryFolder()
        let index = try ManifestIndex(manifest: root.appendingPathComponent("manifest.json"),
                                      index: root.appendingPathComponent(ArchivePath.index))
        for path in ["units/甲单位/2016/annual-audit.pdf", "units/乙%_单位/2016/annual-audit.pdf", "unitsX/a.pdf",
                     "people/1/2016/registration.pdf"] {
            let entry = ManifestEntry(path: path, size: 1, sha256: FileDigest.sha256([1]), origin: origin)
            try index.set(entry, source: .entry(entry))
        }
        #expect(try index.paths(under: "units/") == ["units/乙%_单位/2016/annual-audit.pdf", "units/甲单位/2016/annual-audit.pdf"])
        #expect(try index.paths(under: "units/乙%_") == ["units/乙%_单位/2016/annual-audit.pdf"])
        index.remove()
    }

    @Test("an index that cannot grow on a full disk says so, naming the file, instead of answering wrongly")
    func fullDisk() throws {
        let disk = try Tmpfs(kilobytes: 1024)
        defer { disk.unmount() }
        let url = disk.folder.appendingPathComponent(ArchivePath.index)
        let index = try ManifestIndex(manifest: disk.folder.appendingPathComponent("manifest.json"), index: url)
        try disk.fill()
        var failure: ArchiveError?
        for n in 0..<20_000 where failure == nil {
            let entry = ManifestEntry(path: path(n), size: n, sha256: FileDigest.sha256(Array("\(n)".utf8)), origin: origin)
            do { try index.set(entry, source: .entry(entry)) } catch { failure = error }
        }
        let message = try #require(failure?.description)
        #expect(message.contains(url.path) && message.contains("归档索引") && message.contains("磁盘已满"), "\(message)")
        index.remove()
    }
}
