import Archiving
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
        try record(path, origin, wholePDF("one"), in: store)
        #expect(store.isCurrent(path, input: "abc"))
        #expect(!store.isCurrent(path, input: "other"))
        try store.close()
        let reopened = try ArchiveStore(root: root)
        #expect(reopened.entry(path)?.size == wholePDF("one").count)
        #expect(reopened.isCurrent(path, input: "abc"))
        try reopened.close()
    }

    @Test("killed between intent and done: the file found on disk is listed, with an unknown input")
    func intentWithoutDone() throws {
        let root = Repository.temporaryFolder()
        do {
            let store = try ArchiveStore(root: root)
            try store.willWrite(path, origin)
            try AtomicFile.write(wholePDF("new"), to: store.url(path))
            // No didWrite, no close: the process "dies" here (the lock goes with the store).
        }
        let journal = try String(contentsOf: root.appendingPathComponent("manifest.journal"), encoding: .utf8)
        #expect(journal.contains("intent"))
        let store = try ArchiveStore(root: root)
        let entry = try #require(store.entry(path))
        #expect(entry.sha256 == FileDigest.sha256(wholePDF("new")))
        #expect(entry.origin.input == nil, "written again by the next run")
        #expect(try ArchiveCheck(store).isClean)
        // Replayed into the manifest: the journal starts afresh.
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("manifest.journal").path)?.isEmpty == true)
        try store.close()
    }

    @Test("killed before the rename: the old file keeps its entry, stray temporaries and a cut line are cleared")
    func intentNotRenamed() throws {
        let root = Repository.temporaryFolder()
        let store = try ArchiveStore(root: root)
        try record(path, origin, wholePDF("old"), in: store)
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
        #expect(try ArchiveCheck(reopened).isClean)
        try reopened.close()
    }

    @Test("a file removed is gone from the disk and the manifest; a stamped file is never removed")
    func removed() throws {
        let root = Repository.temporaryFolder()
        let store = try ArchiveStore(root: root)
        let volume = "units/徐州市测试单位/2016/registrations-02.pdf"
        let unitOrigin = FileOrigin(unit: "徐州市测试单位", year: 2016, kind: "print-job", input: "v2")
        for (path, origin) in [(volume, unitOrigin), (self.path, stampedOrigin)] {
            try record(path, origin, wholePDF(path), in: store)
        }
        try store.remove(volume)
        #expect(!FileManager.default.fileExists(atPath: store.url(volume).path))
        #expect(store.entry(volume) == nil)
        #expect(throws: AtomicFile.WriteError.self) { try store.remove(self.path) }
        #expect(FileManager.default.fileExists(atPath: store.url(self.path).path))
        try store.close()
        let reopened = try ArchiveStore(root: root)
        #expect(try reopened.entries().map(\.path) == [self.path])
        #expect(try ArchiveCheck(reopened).isClean)
        try reopened.close()
    }

    @Test("killed between journaling a removal and carrying it out: the next opening finishes it")
    func removalReplayed() throws {
        let root = Repository.temporaryFolder()
        let volume = "units/徐州市测试单位/2016/registrations.pdf"
        do {
            let store = try ArchiveStore(root: root)
            let origin = FileOrigin(unit: "徐州市测试单位", year: 2016, kind: "print-job", input: "one")
            try record(volume, origin, wholePDF("one volume"), in: store)
            try store.close()
        }
        // The journal line as `ArchiveStore.remove` appends it, and then the process "dies".
        let line = "{\"removed\":{\"path\":\"\(volume)\"}}\n"
        try Data(line.utf8).write(to: root.appendingPathComponent("manifest.journal"))
        let store = try ArchiveStore(root: root)
        #expect(!FileManager.default.fileExists(atPath: store.url(volume).path))
        #expect(store.entry(volume) == nil)
        #expect(try ArchiveCheck(store).isClean)
        try store.close()
        #expect(try manifestEntries(root).isEmpty)
    }

    var stampedOrigin: FileOrigin {
        var stamped = origin
        stamped.stamp = StampMark(serial: "XZPX-2016-000001", record: "r")
        return stamped
    }

    @Test("a manifest listing a path outside the archive is refused")
    func hostileManifest() throws {
        let root = Repository.temporaryFolder()
        let line = "{\"schema\":\"cedocs/manifest/1\",\"files\":[{\"path\":\"../../etc/passwd\",\"size\":1,"
            + "\"sha256\":\"00\",\"year\":2016,\"kind\":\"registration\"}]}"
        try Data(line.utf8).write(to: root.appendingPathComponent("manifest.json"))
        #expect(throws: ArchiveError.self) { try ArchiveStore(root: root) }
    }

    /// What a run records lives in its journal until the manifest is rewritten from the old
    /// manifest's lines and the journal's; the manifest stays one sorted entry per line.
    @Test("a second run's entries and the first run's make one sorted manifest, the replaced entry new")
    func entriesOfTwoRuns() throws {
        let root = Repository.temporaryFolder()
        let paths = ["people/320302198001011239/2016/registration.pdf", "people/320302198001011239/2016/certificate.pdf",
                     "people/11010519491231002X/2016/registration.pdf"]
        func write(_ store: ArchiveStore, _ path: String, _ text: String, input: String) throws {
            let made = FileOrigin(person: String(path.split(separator: "/")[1]), year: 2016, kind: "registration", input: input)
            try record(path, made, wholePDF(text), in: store)
        }
        let first = try ArchiveStore(root: root)
        try write(first, paths[0], "a", input: "one")
        try write(first, paths[1], "b", input: "one")
        try first.close()
        let second = try ArchiveStore(root: root)
        try write(second, paths[1], "b2", input: "two")
        try write(second, paths[2], "c", input: "two")
        #expect(second.entry(paths[1])?.sha256 == FileDigest.sha256(wholePDF("b2")))
        #expect(second.isCurrent(paths[0], input: "one") && second.isCurrent(paths[1], input: "two"))
        #expect(!second.isCurrent(paths[1], input: "one"))
        try second.close()

        let text = try String(contentsOf: root.appendingPathComponent("manifest.json"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "{\"schema\":\"cedocs/manifest/1\",\"files\":[" && lines.last == "]}")
        let listed = lines.dropFirst().dropLast().map { line in
            try? JSONDecoder().decode(ManifestEntry.self, from: Data(line.trimmingCharacters(in: [","]).utf8))
        }
        #expect(listed.map { $0?.path } == paths.sorted())
        #expect(listed.first { $0?.path == paths[1] }??.origin.input == "two")
        let reopened = try ArchiveStore(root: root)
        #expect(try reopened.entries().map(\.path) == paths.sorted())
        #expect(try ArchiveCheck(reopened).isClean)
        try reopened.close()
    }

    @Test("a manifest not one entry per line (formatted by hand) is still read, and written back in lines")
    func manifestFormattedByHand() throws {
        let root = Repository.temporaryFolder()
        let path = "people/320302198001011239/2016/registration.pdf"
        try AtomicFile.write(wholePDF("x"), to: root.appendingPathComponent(path))
        let sha = FileDigest.sha256(wholePDF("x"))
        let text = "{\n  \"schema\": \"cedocs/manifest/1\",\n  \"files\": [\n    {\"path\": \"\(path)\", \"size\": \(wholePDF("x").count),\n"
            + "     \"sha256\": \"\(sha)\", \"year\": 2016, \"kind\": \"registration\", \"input\": \"abc\"}\n  ]\n}\n"
        try Data(text.utf8).write(to: root.appendingPathComponent("manifest.json"))
        let store = try ArchiveStore(root: root)
        #expect(store.isCurrent(path, input: "abc"))
        try store.willWrite(path, FileOrigin(year: 2016, kind: "registration", input: "abc"))
        try store.didWrite(path, FileOrigin(year: 2016, kind: "registration", input: "abc"))
        try store.close()
        let rewritten = try String(contentsOf: root.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(rewritten.split(separator: "\n").count == 3)
    }
}
