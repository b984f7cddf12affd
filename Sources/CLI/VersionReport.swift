import ArgumentParser
import CBuildInfo
import Pipeline

/// `cedocs --version`: what made a file — the version, the commit it was built from ("unknown" when
/// built without scripts/build-info.sh or outside git) and the digest of the fonts and templates it finds.
enum VersionReport {
    static let commit = String(cString: cedocs_build_commit())

    static func print() throws {
        Console.out("cedocs \(CEDocs.version)")
        Console.out("commit \(commit)")
        do {
            let resources = try Resources.locate()
            Console.out("fonts+templates sha256 \(ResourceDigest.of(resources)) (\(resources.fonts.deletingLastPathComponent().path))")
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
