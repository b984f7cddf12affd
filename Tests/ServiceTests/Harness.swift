import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Pipeline
import Registry
import Render
import Service
import Stamping
import TestSupport
import Testing
import ZIPFoundation

/// A service made in the test: a configuration folder with one agency (市直, with the test seal) and
/// its tokens, served on a free loopback port by the real server.
struct Harness {
    static let unitName = "徐州市测试单位"
    static let unitToken = "unit-token-徐州市测试单位"
    static let otherUnitToken = "unit-token-other"
    static let agencyToken = "agency-token-XZPX"
    /// An agency of another district (铜山区).
    static let countyToken = "agency-token-TSZC"
    /// The city office (市职称办).
    static let bureauToken = "bureau-token"

    /// A plain red ring on a transparent background (the stamping tests' stand-in for a seal scan).
    static let testSeal = Repository.root.appendingPathComponent("Tests/StampPipelineTests/Fixtures/red-ring.png")

    /// The folder the configuration (`config/`) lives in.
    let folder: URL
    let service: CEDocsService
    let configuration: ServiceConfiguration
    /// The registry of agency XZPX: its profile's, shared by `cedocs stamp` and the service.
    let agencyRegistry: URL
    /// Where agency XZPX's results are: `agencyRegistry`, or the city's database.
    let registry: RegistryLocation

    /// `agencyConfig`: the folder whose `agencies/XZPX` holds agency XZPX's profile and registry (the
    /// configuration's own folder by default; a small file system for the full-disk tests). `store`: the
    /// agencies' own registry.sqlite, or one PostgreSQL database for all (`registry:` in service.yaml).
    init(limits: ServiceConfiguration.Limits = .init(), verifyRate: ServiceConfiguration.VerifyRate = .init(),
         agencyConfig: URL? = nil, store: TestStore = .sqlite, fonts: FontLibrary = TestFonts.library,
         name: String = #function) throws {
        var city: String?
        if store == .postgres, case .postgres(let url) = try store.location(name) { city = url }
        let file = try Self.writeConfiguration(limits: limits, verifyRate: verifyRate, agencyConfig: agencyConfig,
                                               registry: city, name: name)
        folder = file.deletingLastPathComponent().deletingLastPathComponent()
        agencyRegistry = (agencyConfig ?? file.deletingLastPathComponent())
            .appendingPathComponent("agencies/XZPX/registry.sqlite")
        registry = city.map { .postgres(url: $0) } ?? .file(agencyRegistry)
        configuration = try ServiceConfiguration(contentsOf: file)
        // A line per request would bury the test's own output; ObservabilityTests reads those of a real `cedocs serve`.
        var logger = Logger(label: "cedocs.serve")
        logger.logLevel = .warning
        service = try CEDocsService(configuration: configuration, templates: try TemplateSet(folder: Repository.templates),
                                    fonts: fonts, creator: "cedocs test", threads: 2, logger: logger)
    }

    /// A fresh folder with the agencies' profiles and `config/service.yaml` (returned) giving `limits`
    /// and the tokens above: for this harness, or for a `cedocs serve` process (ServeProcess).
    static func writeConfiguration(limits: ServiceConfiguration.Limits,
                                   verifyRate: ServiceConfiguration.VerifyRate = .init(),
                                   agencyConfig: URL? = nil, registry: String? = nil, name: String) throws -> URL {
        let config = Repository.temporaryFolder(name).appendingPathComponent("config")
        let xzpx = try AgencyProfile.create(name: "徐州市职业技术培训中心", code: "XZPX", districts: ["市直"], seal: Self.testSeal,
                                            sealDiameter: 42, verifyBase: "http://127.0.0.1/v1/verify",
                                            config: agencyConfig ?? config)
        _ = try AgencyProfile.create(name: "铜山区职称办", code: "TSZC", districts: ["铜山区"], seal: nil,
                                     sealDiameter: 42, verifyBase: "http://127.0.0.1/v1/verify", config: config)
        func hash(_ token: String) -> String { TokenDigest.hex(TokenDigest.sha256(of: token)) }
        let yaml = """
            request_log: stamp-requests.sqlite
            \(registry.map { "registry: \"\($0)\"" } ?? "")
            limits:
              body_bytes: \(limits.bodyBytes)
              people: \(limits.people)
              request_seconds: \(limits.requestSeconds)
              pending_requests: \(limits.pendingRequests)
              per_token_requests: \(limits.tokenShare)
              min_body_bytes_per_second: \(limits.minBodyBytesPerSecond)
              idle_seconds: \(limits.idleSeconds)
              refusal_pause_seconds: \(limits.refusalPauseSeconds)
              session_minutes: \(limits.sessionMinutes)
            verify_rate: { burst: \(verifyRate.burst), per_minute: \(verifyRate.perMinute), trusted_proxies: [\(verifyRate.trustedProxies.map { "\"\($0)\"" }.joined(separator: ", "))] }
            tokens:
              - { name: 测试单位人事处, unit: \(Self.unitName), sha256: \(hash(Self.unitToken)) }
              - { name: 其他单位, unit: 徐州市其他单位, sha256: \(hash(Self.otherUnitToken)) }
              - { name: 市职业技术培训中心, agency: "\(xzpx.folder.path)", sha256: \(hash(Self.agencyToken)) }
              - { name: 铜山区职称办, agency: agencies/TSZC, sha256: "\(hash(Self.countyToken).uppercased())" }
              - { name: 徐州市职称办, bureau: true, sha256: \(hash(Self.bureauToken)) }

            """
        let file = config.appendingPathComponent("service.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }


    /// Runs `body` against the real server on a free loopback port.
    func run<Value: Sendable>(_ body: @Sendable (Client) async throws -> Value) async throws -> Value {
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await body(Client(base: client))
        }
    }
}

/// The test client: every answer is checked against /openapi.yaml (a documented status and content type).
struct Client: Sendable {
    let base: any TestClientProtocol

    var port: Int { base.port! }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Data? = nil,
                 headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await base.execute(uri: uri, method: method, headers: headers,
                                              body: json.map { ByteBuffer(bytes: $0) })
        try OpenAPIContract.shared.check(method: method, uri: uri, response: response)
        return response
    }

    func post(_ uri: String, token: String?, records: Data, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.post, uri, token: token, json: records, headers: headers)
    }

    /// `records` posted to `uri` on a connection of its own, left at work while the test goes on.
    func start(_ uri: String, token: String, records: Data) -> OwnRequest {
        OwnRequest(port: port, uri, token: token, records: records)
    }

    /// The service's /metrics once `ready` holds for them, read again until it does. Tests that use it
    /// carry a time limit: the wait is for an event, the limit only keeps a broken server from hanging.
    func metrics(until ready: (String) -> Bool) async throws -> String {
        while true {
            let metrics = String(buffer: try await request(.get, "/metrics").body)
            if ready(metrics) { return metrics }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A request on a connection of its own: the test goes on while it is at work, and can close the
/// connection (the client leaving) before the answer comes.
struct OwnRequest: Sendable {
    private let connection: TestClient
    private let task: Task<TestClient.Response, any Error>

    init(port: Int, _ uri: String, token: String, records: Data) {
        let connection = TestClient(host: "127.0.0.1", port: port)
        connection.connect()
        self.connection = connection
        task = Task {
            try await connection.execute(TestClient.Request(
                uri, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(bytes: records)))
        }
    }

    /// Closes the connection, whether or not the answer has come, and waits for the request's end.
    func leave() async throws {
        try await connection.shutdown()
        _ = await task.result
    }
}

/// The value of a counter (or gauge) in /metrics text; nil when it is not there.
func metric(_ name: String, in metrics: String) -> Int? {
    metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }?.split(separator: " ").last.flatMap { Int($0) }
}

extension TestResponse {
    var data: Data { Data(body.readableBytesView) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:] }
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var problemPaths: [String] { (error["problems"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
}

/// A records file as the body of a request.
func body(_ records: [String: Any]) throws -> Data {
    try JSONSerialization.data(withJSONObject: records, options: [.sortedKeys])
}

/// Real files for poppler and unzip.
enum Files {
    static func pdfText(_ data: Data) throws -> String {
        let url = Repository.temporaryFolder("pdf").appendingPathComponent("document.pdf")
        try data.write(to: url)
        #expect(try Poppler.pageCount(url) >= 1)
        return try Poppler.text(url)
    }

    /// The entries of a ZIP, by path.
    static func unzip(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            entries[entry.path] = bytes
        }
        return entries
    }
}
