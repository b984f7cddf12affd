import Foundation
import Testing
import TestSupport

/// The output folder as an archive: manifest, skipping unchanged input, check, runs killed midway.
@Suite("archive: manifest, check and interrupted runs", .serialized)
struct ArchiveRunTests {
    @Test("a second run with unchanged input writes nothing, and says so")
    func unchangedSkipped() throws {
        let folder = Repository.temporaryFolder()
        let out = folder.appendingPathComponent("archive")
        let first = try cedocs(["render", Repository.example.path, "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let entries = try manifestEntries(out)
        #expect(entries.count == 8)
        // Dated in the past, so that a file written again shows it by its date without waiting for the
        // clock to move on.
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for entry in entries {
            let path = try #require(entry["path"] as? String)
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: out.appendingPathComponent(path).path)
        }
        let second = try cedocs(["render", Repository.example.path, "--out", out.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("已生成 0 个文件"))
        #expect(second.stdout.contains("8 个文件输入未变、未重写"))
        let again = try entries.map { entry in
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(entry["path"] as! String).path)[.modificationDate] as? Date
        }
        #expect(again == Array(repeating: past, count: entries.count))
        let report = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("reports/2016/徐州市第一人民医院.render.json"))) as? [String: Any]
        #expect(report?["written"] as? Int == 0)
        #expect(report?["unchanged"] as? Int == 8)

        // A changed person is written again, and only that person (and the unit's two documents).
        var records = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.example)) as! [String: Any]
        var people = records["people"] as! [[String: Any]]
        people[0]["title"] = "主任医师"
        records["people"] = people
        let changed = try Samples.write(records, to: folder, name: "changed.json")
        let third = try cedocs(["render", changed.path, "--out", out.path])
        #expect(third.stdout.contains("已生成 4 个文件"), "\(third.stdout)")
        #expect(try cedocs(["archive", "check", out.path]).status == 0)
    }

    @Test("archive check names missing, altered and unlisted files")
    func alteredDetected() throws {
        let out = Repository.temporaryFolder().appendingPathComponent("archive")
        #expect(try cedocs(["render", Repository.example.path, "--out", out.path]).status == 0)
        let clean = try cedocs(["archive", "check", out.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("完好 8，缺失 0，已改动 0，不完整 0；清单外文件 0 个"))

        let registration = out.appendingPathComponent("people/320302198001011239/2016/registration.pdf")
        var bytes = try Data(contentsOf: registration)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: registration)
        try FileManager.default.removeItem(at: out.appendingPathComponent("people/320302198001011239/2016/certificate.pdf"))
        try Data("x".utf8).write(to: out.appendingPathComponent("people/320302198001011239/2016/note.txt"))

        let check = try cedocs(["archive", "check", out.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("已改动  people/320302198001011239/2016/registration.pdf"))
        #expect(check.stdout.contains("缺失    people/320302198001011239/2016/certificate.pdf"))
        #expect(check.stdout.contains("清单外  people/320302198001011239/2016/note.txt"))

        // Rendering again puts back what the records make; the stranger stays unlisted.
        #expect(try cedocs(["render", Repository.example.path, "--out", out.path]).status == 0)
        let after = try cedocs(["archive", "check", out.path])
        #expect(after.stdout.contains("完好 8，缺失 0，已改动 0，不完整 0；清单外文件 1 个"), "\(after.stdout)")
    }

    @Test("a run killed with SIGKILL mid-batch leaves no partial file and a manifest that matches the disk; the rerun finishes",
          .timeLimit(.minutes(5)))
    func killedMidBatch() throws {
        let folder = Repository.temporaryFolder()
        // Person 100's photo is a FIFO no one writes to: the run stops there, opening it, and cannot
        // end before the kill however fast the machine.
        let photo = folder.appendingPathComponent("photo.png")
        try #require(mkfifo(photo.path, 0o600) == 0)
        var people = (0..<300).map { Samples.person($0) }
        people[100]["photo"] = photo.lastPathComponent
        let records = try Samples.write(Samples.records(people: people), to: folder)
        let out = folder.appendingPathComponent("archive")

        let process = Process()
        process.executableURL = Repository.executable
        process.arguments = ["render", records.path, "--out", out.path, "--quiet", "--jobs", "2"]
        process.environment = cedocsEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once a good part of the people are written.
        let folders = out.appendingPathComponent("people")
        while process.isRunning && ((try? FileManager.default.contentsOfDirectory(atPath: folders.path))?.count ?? 0) < 60 {
            usleep(20_000)
        }
        #expect(process.isRunning, "the batch ended before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // No partial file: every PDF there is whole, no temporary file lies about.
        let left = files(under: out)
        let pdfs = left.filter { $0.hasSuffix(".pdf") }
        #expect(!pdfs.isEmpty)
        #expect(pdfs.count < 600 + 2, "the run was killed before the end")
        for pdf in pdfs { #expect(isCompletePDF(out.appendingPathComponent(pdf)), "\(pdf) is partial") }
        #expect(!left.contains { $0.hasSuffix(".tmp") }, "\(left.filter { $0.hasSuffix(".tmp") })")
        #expect(left.contains("manifest.journal"))

        // The manifest, with the journal the kill left, matches the disk exactly.
        let check = try cedocs(["archive", "check", out.path])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try manifestEntries(out).count == pdfs.count)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.journal").path))

        // Running again, with a real photo, finishes the work, skipping what the killed run completed.
        try FileManager.default.removeItem(at: photo)
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Tests/StampPipelineTests/Fixtures/red-ring.png"),
                                         to: photo)
        let rerun = try cedocs(["render", records.path, "--out", out.path, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let entries = try manifestEntries(out)
        #expect(entries.count == 300 * 2 + 2)
        for n in [0, 150, 299] {
            #expect(isCompletePDF(out.appendingPathComponent("people/\(Samples.idNumber(n))/2016/registration.pdf")))
        }
        let report = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("reports/2016/徐州市测试单位.render.json"))) as? [String: Any]
        let written = try #require(report?["written"] as? Int)
        #expect(written < 602, "files the killed run completed are not written again")
        #expect(written + (report?["unchanged"] as? Int ?? 0) == 602)
        let final = try cedocs(["archive", "check", out.path])
        #expect(final.status == 0)
        #expect(final.stdout.contains("完好 602，缺失 0，已改动 0，不完整 0；清单外文件 0 个"), "\(final.stdout)")
    }
}
