import Foundation
import Testing
import TestSupport

extension FaultSuite {
    /// `render` and `stamp` into a small file system of their own (tmpfs) that fills up part way through
    /// the run: what could not be written is reported as 磁盘已满 with its path, nothing broken stays at a
    /// final name, and once there is room again the archive checks clean and a rerun completes.
    @Suite("render and stamp onto a disk that fills up")
    struct FullDiskTests {
        /// Kilobytes of everything under `folder`, as tmpfs counts them (whole pages).
        func kilobytes(_ folder: URL) throws -> Int {
            let du = try Command.run("/usr/bin/du", ["-sk", folder.path])
            return Int(du.stdout.prefix { $0.isNumber }) ?? 0
        }

        /// Runs `arguments(disk)` on a tmpfs of each `fraction` of `needed` kilobytes, then again with room,
        /// when all its `pdfs` are there.
        func fillUp(_ name: String, needed: Int, pdfs: Int, prepare: (URL) throws -> Void, _ arguments: (URL) -> [String],
                    check: (URL, String) throws -> Void) async throws {
            for fraction in [0.25, 0.5, 0.75] {
                // Other tests' tasks get the thread between runs.
                await Task.yield()
                let size = max(64, Int(Double(needed) * fraction))
                let disk = try Tmpfs(kilobytes: size, name: "\(name)\(size)")
                defer { disk.unmount() }
                try prepare(disk.folder)
                let what = "\(name) on \(size) KB of the \(needed) KB it needs"
                let full = try Cedocs.run(arguments(disk.folder))
                Cedocs.expectReported(full, error: "ENOSPC", places: [disk.folder.path], what)
                try Cedocs.expectWhole(disk.folder, what)
                try disk.resize(kilobytes: needed * 2)
                try check(disk.folder, what)
                await Task.yield()
                let again = try Cedocs.run(arguments(disk.folder))
                #expect(again.status == 0, "\(what), with room again: \(again.stderr)")
                #expect(try Cedocs.expectWhole(disk.folder, what) == pdfs)
                try check(disk.folder, what + ", run again")
            }
        }

        @Test("render fills the disk")
        func render() async throws {
            let sample = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: sample) }
            #expect(try Cedocs.run(["render", Repository.example.path, "--out", sample.path]).status == 0)
            try await fillUp("render", needed: try kilobytes(sample), pdfs: 8, prepare: { _ in }, { disk in
                ["render", Repository.example.path, "--out", disk.appendingPathComponent("out").path]
            }, check: { disk, what in
                try Cedocs.expectConsistent(disk.appendingPathComponent("out"), what)
            })
        }

        @Test("stamp fills the disk that holds its output and the agency's registry")
        func stamp() async throws {
            let base = Repository.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: base) }
            let (records, profile) = try Cedocs.stampInputs(in: base)
            func arguments(_ disk: URL) -> [String] { Cedocs.stamp(records, in: disk) }
            let sample = base.appendingPathComponent("sample")
            try FileManager.default.copyItem(at: profile, to: sample.appendingPathComponent("config"))
            #expect(try Cedocs.run(arguments(sample)).status == 0)
            // Three files for each of the two people, and 附件2.
            try await fillUp("stamp", needed: try kilobytes(sample), pdfs: 7, prepare: { disk in
                try FileManager.default.copyItem(at: profile, to: disk.appendingPathComponent("config"))
            }, arguments, check: { disk, what in
                let out = disk.appendingPathComponent("out")
                if FileManager.default.fileExists(atPath: out.path) { try Cedocs.expectConsistent(out, what) }
                try Cedocs.expectIssuedFilesPresent(registry: Cedocs.registry(in: disk), archive: out, what)
            })
        }
    }
}
