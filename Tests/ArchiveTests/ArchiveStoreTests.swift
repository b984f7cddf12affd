import Archive
import Foundation
import Testing
import TestSupport

/// The manifest and its journal directly: what recovery makes of what a killed run left.
@Suite("archive store: journal and recovery")
struct ArchiveStoreTests {
    let origin = FileOrigin(person: "320302198001011239", unit: "徐州市测试单位", year: 2016, kind: "registration", input: "abc")
    let path = "people/320302198001011239/2016/registration.pdf"

    @Test("a file written and recorded is current for its input only")
    func recorded() throws {
        let root = Repository.temporaryFolder()
        let store = try ArchiveStore(root: root)
        try store.willWrite(path, origin)
        try AtomicFile.write(Array("%PDF-1 one".utf8), to: store.url(path))
        try store.didWrite(path, origin)
        #expect(store.isCurrent(path, input: "abc"))
        #expect(!store.isCurrent(path, input: "other"))
        try store.close()
        let reopened = try ArchiveStore(root: root)
        #expect(reopened.entry(path)?.size == 10)
        #expect(reopened.isCurrent(path, input: "abc"))
        try reopened.close()
    }

    @Test("killed between intent and done: the file found on disk is listed, with an unknown input")
    func intentWithoutDone() throws {
        let root = Repository.temporaryFolder()
        do {
            let store = try ArchiveStore(root: root)
            try store.willWrite(path, origin)
            try AtomicFile.write(Array("%PDF-1 new".utf8), to: store.url(path))
            // No didWrite, no close: the process "dies" here (the lock goes with the store).
        }
        let journal = try String(contentsOf: root.appendingPathComponent("manifest.journal"), encoding: .utf8)
        #expect(journal.contains("intent"))
        let store = try ArchiveStore(root: root)
        let entry = try #require(store.entry(path))
        #expect(entry.sha256 == FileDigest.sha256(Array("%PDF-1 new".utf8)))
        #expect(entry.origin.input == nil, "written again by the next run")
        #expect(ArchiveCheck(store).isClean)
        // Replayed into the manifest: the journal starts afresh.
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("manifest.journal").path)?.isEmpty == true)
        try store.close()
    }

    @Test("killed before the rename: the old file keeps its entry, stray temporaries and a cut line are cleared")
    func intentNotRenamed() throws {
        let root = Repository.temporaryFolder()
        let store = try ArchiveStore(root: root)
        try store.willWrite(path, origin)
        try AtomicFile.write(Array("%PDF-1 old".utf8), to: store.url(path))
        try store.didWrite(path, origin)
        try store.close()
        do {
            let store = try ArchiveStore(root: root)
            try store.willWrite(path, FileOrigin(person: origin.person, year: 2016, kind: "registration", input: "new"))
        }
        // What a killed writer without O_TMPFILE leaves, and a journal line cut short.
        let stray = root.appendingPathComponent("people/320302198001011239/2016/.registration.pdf.999.tmp")
        try Data("%PDF-1 half".utf8).write(to: stray)
        let handle = try FileHandle(forWritingTo: root.appendingPathComponent("manifest.journal"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"done\":{\"_0\":{\"path\":\"people/3203".utf8))
        try handle.close()

        let reopened = try ArchiveStore(root: root)
        #expect(reopened.entry(path)?.origin.input == "abc")
        #expect(reopened.isCurrent(path, input: "abc"))
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        #expect(ArchiveCheck(reopened).isClean)
        try reopened.close()
    }

    @Test("a manifest listing a path outside the archive is refused")
    func hostileManifest() throws {
        let root = Repository.temporaryFolder()
        let line = "{\"schema\":\"cedocs/manifest/1\",\"files\":[{\"path\":\"../../etc/passwd\",\"size\":1,"
            + "\"sha256\":\"00\",\"year\":2016,\"kind\":\"registration\"}]}"
        try Data(line.utf8).write(to: root.appendingPathComponent("manifest.json"))
        #expect(throws: ArchiveError.self) { try ArchiveStore(root: root) }
    }
}
