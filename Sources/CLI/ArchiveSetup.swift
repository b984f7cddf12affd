import Archiving
import ArgumentParser
import Foundation
import Pipeline
import Records

/// Opening the archive a command works on; a failure here stops the command (exit status 2).
enum ArchiveSetup {
    /// The archive at `path`, created when `create`; recovered from any interrupted run.
    static func open(_ path: String, create: Bool) throws -> ArchiveStore {
        var isDirectory: ObjCBool = false
        if !create && !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            Console.error("归档目录 \(path) 不存在")
            throw ExitCode(2)
        }
        do {
            return try ArchiveStore(root: URL(fileURLWithPath: path)) {
                Console.error("归档目录 \(path) 正被另一个 cedocs 进程使用，等待其结束……")
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The digest of the engine (executable, fonts, templates), begun now: hashing it takes most of a
    /// second, the time the records take to load.
    static func engineDigest() -> Background<InputDigest> {
        Background { try InputDigest(resources: try Resources.locate(), version: CEDocs.version) }
    }

    /// A render or stamp run recording into `store`.
    static func run(_ store: ArchiveStore, digest: Background<InputDigest>, recordsFile: String,
                    force: Bool = false) throws -> ArchiveRecording {
        do {
            return try ArchiveRecording(store: store, digest: try digest.value(), recordsFile: URL(fileURLWithPath: recordsFile),
                                  force: force)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// Writes the manifest and the run report at the end of a run; a failure is reported, and the
    /// journal lets the next run finish the manifest.
    static func finish(_ store: ArchiveStore, command: String, loaded: LoadedRecords, report: RenderReport,
                       started: Date) -> URL? {
        do {
            let layout = try store.layout()
            try store.close()
            return try RunReportFile(command: command, version: CEDocs.version, loaded: loaded, report: report,
                                     started: started).write(into: layout)
        } catch {
            Console.error("\(error)")
            return nil
        }
    }
}
