import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Pipeline
import Service

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service units and agencies call (check, render, stamp, verify).",
        discussion: """
            `cedocs serve --config FILE` listens on 127.0.0.1:8080 until SIGTERM or SIGINT, then finishes \
            the requests in flight and stops; SIGHUP (systemctl reload cedocs) re-reads the tokens of FILE, \
            keeping those in use if it fails --check-config. The configuration names the log of stamp requests (SQLite), \
            the limits and the bearer tokens (an agency's token names its profile, whose registry.sqlite \
            the service stamps into, as cedocs stamp does), stored as SHA-256: `cedocs serve hash-token` makes one. The API is described \
            at /openapi.yaml.
            """,
        subcommands: [Start.self, HashToken.self],
        defaultSubcommand: Start.self
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the service (the default).")

        @Option(help: "The service's configuration file (YAML).")
        var config: String?

        @Option(help: ArgumentHelp("Check a configuration file without starting: exit 0 when the service could start with it, 1 with every problem at its key.",
                                   valueName: "file"))
        var checkConfig: String?

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8080

        func validate() throws {
            guard (config == nil) != (checkConfig == nil) else {
                throw ValidationError("请给出 --config FILE（启动服务）或 --check-config FILE（只检查配置）之一")
            }
        }

        func run() async throws {
            if let checkConfig { return try Self.check(checkConfig) }
            let file = URL(fileURLWithPath: config!)  // validate(): one of the two
            // The service's log: JSON Lines on standard error (journald's, under systemd).
            LoggingSystem.bootstrap { JSONLinesLogHandler(label: $0) }
            // Start-up and failure go to the same log as the requests: the journal holds JSON lines only.
            let log = Logger(label: "cedocs.serve")
            let service: CEDocsService
            do {
                let configuration = try ServiceConfiguration(contentsOf: file)
                let (fonts, templates) = try Setup.engine()
                service = try CEDocsService(configuration: configuration, templates: templates, fonts: fonts,
                                            creator: "cedocs \(CEDocs.version)")
            } catch let error as ExitCode {
                throw error
            } catch {
                log.critical("\(error)")
                throw ExitCode(2)
            }
            let application = service.application(host: host, port: port, configurationFile: file) { port in
                log.notice("cedocs serve: listening on \(host):\(port)", metadata: ["host": "\(host)", "port": .stringConvertible(port)])
            }
            do {
                try await application.runService()
            } catch {
                log.critical("cedocs serve: \(error)")
                throw ExitCode(1)
            }
        }

        /// Every problem of the configuration, each naming the file and the key; exit 1 if any.
        static func check(_ file: String) throws {
            let problems = ConfigurationCheck.problems(of: URL(fileURLWithPath: file))
            for problem in problems { Console.error("错误  服务配置 \(file)：\(problem)") }
            guard problems.isEmpty else { throw ExitCode(1) }
            Console.out("服务配置 \(file) 可以使用")
        }
    }

    struct HashToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-token",
            abstract: "Print the SHA-256 of a bearer token (read from standard input) for the configuration.",
            discussion: """
                The token itself never goes into the configuration. With --new, makes a random token and \
                prints it once with its digest: give the token to the client, put the digest in the file.
                """
        )

        @Flag(help: "Make a new random token.")
        var new = false

        func run() throws {
            let token: String
            if new {
                token = TokenDigest.newToken()
                Console.out("token: \(token)")
            } else {
                guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
                    Console.error("请在标准输入中给出令牌，例如：printf '%s' \"$TOKEN\" | cedocs serve hash-token")
                    throw ExitCode(2)
                }
                token = line
            }
            Console.out((new ? "sha256: " : "") + TokenDigest.hex(TokenDigest.sha256(of: token)))
        }
    }
}
