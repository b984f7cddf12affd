import ArgumentParser
import Foundation
import Pipeline

/// Asynchronous so that `serve` can await its server; the other commands are synchronous and run as
/// they are (swift-argument-parser: an async root may hold both kinds).
@main
struct CEDocs: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cedocs",
        abstract: "徐州市专业技术人员继续教育年度验审：登记表、审验表、证书页的生成。",
        discussion: """
            Reads a unit's records for one year (cedocs/records/1 JSON), checks them, computes recognised \
            hours under 徐政人发〔2007〕130号, and renders 附件1 电子登记表, 附件2 年度审验表 and the \
            继续教育证书 pages as PDF. An audit agency stamps them and issues results that anyone can \
            verify by serial, QR code or file.
            """,
        subcommands: [CheckCommand.self, ImportCommand.self, TemplateCommand.self, RenderCommand.self, AgencyCommand.self,
                      StampCommand.self, VerifyCommand.self, ServeCommand.self, RegistryCommand.self, ArchiveCommand.self,
                      SampleCommand.self]
    )

    @Flag(help: "Show the version, the commit cedocs was built from and the digest of its fonts and templates.")
    var version = false

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        try VersionReport.print()
    }

    static func main() async {
        // A reader that leaves (`cedocs check … | head`) makes a write fail with EPIPE, which Console
        // handles, instead of killing the process with a signal.
        signal(SIGPIPE, SIG_IGN)
        FreedMemory.oneArenaPerCore()
        await main(nil)
    }
}
