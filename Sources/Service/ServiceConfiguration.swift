import Foundation
import Registry
import Yams

/// The file `cedocs serve --config FILE` reads. Paths are relative to the file's folder.
///
/// ```yaml
/// request_log: stamp-requests.sqlite  # the log of stamp requests (SQLite); each agency's results go
///                                    # into its own profile's registry.sqlite, as with cedocs stamp
/// registry: postgresql://cedocs@127.0.0.1:5432/cedocs   # optional: every agency's results in the city's
///                                    # PostgreSQL instead (cedocs registry migrate first)
/// limits:                            # each optional; the defaults are shown
///   body_bytes: 8388608              # a records file larger than this: 413
///   people: 1000                     # more people in one request: 422
///   request_seconds: 120             # a request still working after this: 408
///   pending_requests: 16             # check/render/stamp requests at work at once (a body counts once it has
///                                    # arrived whole); beyond: 503 with Retry-After
///   per_token_requests: 8            # of these, at most this many for one token (default: half, at least 1)
///   refusal_pause_seconds: 0.25      # a 503 for a full pool is answered after this pause (0 to 2)
///   min_body_bytes_per_second: 16384 # after its first idle_seconds, a body slower than this on average: 408
///   idle_seconds: 5                  # a connection with nothing to read for this long is closed
///   session_minutes: 30              # a browser's sign-in (the pages) ends after this long without a request
/// verify_rate: { burst: 100, per_minute: 60 }   # /v1/verify per client address; beyond: 429 (VerifyRate)
/// tokens:                            # bearer tokens, stored as SHA-256 (cedocs serve hash-token)
///   - name: 徐州市测试单位人事处        # who: written in the log of stamp requests
///     unit: 徐州市测试单位             # may check and render this unit's records only
///     sha256: 3a7bd3e2…
///   - name: 市职业技术培训中心
///     agency: agencies/XZPX          # an agency profile folder: may also stamp, for its districts, with its seal
///     sha256: 9f86d081…
///   - name: 徐州市职称办
///     bureau: true                   # the city office (市职称办): reads every agency's results, draws the spot check
///     sha256: 60303ae2…
/// ```
public struct ServiceConfiguration: Sendable {
    public struct Limits: Sendable, Equatable {
        public var bodyBytes = 8 << 20
        public var people = 1000
        public var requestSeconds = 120.0
        public var pendingRequests = 16
        /// nil: half of `pendingRequests`, at least 1.
        public var perTokenRequests: Int?
        public var minBodyBytesPerSecond = 16384.0
        public var idleSeconds = 5.0
        /// How long a request refused for a full pool waits before its 503. The refusal is decided from
        /// the headers at once; answering it a moment later costs a client that honours Retry-After (2 s)
        /// nothing, while one that asks again at once can no longer spin the cores that the requests at
        /// work need (on 2 cores, 6 such clients took more than half of them: issue 18).
        public var refusalPauseSeconds = 0.25
        /// A page session unused this long is over: the clerk signs in again (issue 17).
        public var sessionMinutes = 30.0

        public init() {}

        /// How many of the pending requests one token may hold: the others are never all crowded out.
        public var tokenShare: Int { perTokenRequests ?? max(1, pendingRequests / 2) }
    }

    /// What a token lets its holder do.
    public enum Grant: Sendable, Equatable {
        /// Check and render the records of the unit of this name.
        case unit(String)
        /// Also stamp, as the agency whose profile folder this is.
        case agency(URL)
        /// The city office (市职称办): every agency's results, and the spot check across them (/v1/spot-check).
        case bureau
    }

    public struct Token: Sendable, Equatable {
        public var name: String
        public var grant: Grant
        /// SHA-256 of the token.
        public var sha256: [UInt8]
        /// Where the file lists it (`tokens[2]`): a rejected entry before it does not shift what a
        /// problem found later names.
        public var key: String
    }

    /// Who asked to stamp what (SQLite). Not a source of serials: an agency's results go only into its
    /// profile's registry, whichever front end stamps (one registry per agency).
    public var requestLog: URL
    /// The city's registry (PostgreSQL), shared by every agency; nil: each agency's own registry.sqlite.
    public var registry: RegistryLocation?
    public var limits: Limits
    public var tokens: [Token]
    /// The public verify route's rate limit (VerifyRateSettings.swift).
    public var verifyRate = VerifyRate()

    public init(requestLog: URL, limits: Limits = Limits(), tokens: [Token]) {
        self.requestLog = requestLog
        self.limits = limits
        self.tokens = tokens
    }

    /// Reads `file`; every problem of it, at its key, is in the error.
    public init(contentsOf file: URL) throws(ServiceSetupError) {
        var problems: [ConfigurationProblem] = []
        guard let configuration = Self.read(file, problems: &problems), problems.isEmpty else {
            throw ServiceSetupError(file: file, problems)
        }
        self = configuration
    }

    /// The configuration in `file`, every problem found appended to `problems` (all of them, not only
    /// the first); nil when the file cannot be read as YAML at all.
    static func read(_ file: URL, problems: inout [ConfigurationProblem]) -> ServiceConfiguration? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            problems.append(ConfigurationProblem(key: "", message: "找不到服务配置文件，或它不是 UTF-8 文本"))
            return nil
        }
        let stored: StoredConfiguration
        do {
            stored = try YAMLDecoder().decode(StoredConfiguration.self, from: text)
        } catch {
            problems.append(ConfigurationProblem(error))
            return nil
        }
        problems += StoredConfiguration.unknownKeys(in: text)
        func problem(_ key: String, _ message: String) { problems.append(ConfigurationProblem(key: key, message: message)) }
        let registry = stored.registry.map(RegistryLocation.init)
        if let registry, case .file = registry {
            problem("registry", "只能是全市共用的 PostgreSQL 登记库（postgresql://…）：各审验机构的结果默认登记在其配置目录中的 "
                    + "registry.sqlite（与 cedocs stamp 同一个），盖章请求的记录改用 request_log 指定，如 request_log: stamp-requests.sqlite")
        }
        let folder = file.deletingLastPathComponent()
        func path(_ relative: String) -> URL {
            relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.appendingPathComponent(relative)
        }
        var limits = Limits()
        if let stored = stored.limits {
            limits.bodyBytes = stored.bodyBytes ?? limits.bodyBytes
            limits.people = stored.people ?? limits.people
            limits.requestSeconds = stored.requestSeconds ?? limits.requestSeconds
            limits.pendingRequests = stored.pendingRequests ?? limits.pendingRequests
            limits.perTokenRequests = stored.perTokenRequests
            limits.minBodyBytesPerSecond = stored.minBodyBytesPerSecond ?? limits.minBodyBytesPerSecond
            limits.idleSeconds = stored.idleSeconds ?? limits.idleSeconds
            limits.refusalPauseSeconds = stored.refusalPauseSeconds ?? limits.refusalPauseSeconds
            limits.sessionMinutes = stored.sessionMinutes ?? limits.sessionMinutes
        }
        // Upper bounds: what one process on one machine can hold. A body is kept in memory whole, and up
        // to pending_requests of them at once; a records file of 100,000 people is ten times the largest
        // unit the bench renders, and an HTTP client that waits longer should use `cedocs render`.
        for (key, value, most, meaning) in [("body_bytes", limits.bodyBytes, 1 << 30, "1073741824（1 GB）"),
                                            ("people", limits.people, 100_000, "100000 人"),
                                            ("pending_requests", limits.pendingRequests, 1024, "1024 个"),
                                            ("per_token_requests", limits.tokenShare, 1024, "1024 个")]
        where !(value > 0 && value <= most) {
            problem("limits.\(key)", "应大于 0 且不超过 \(meaning)")
        }
        // Seconds become Ints of nanoseconds for the timers: keep them to what a service could want.
        for (key, value) in [("request_seconds", limits.requestSeconds), ("idle_seconds", limits.idleSeconds)]
        where !(value > 0 && value <= 86400) {
            problem("limits.\(key)", "应大于 0 且不超过 86400 秒（一天）")
        }
        if !(limits.sessionMinutes > 0 && limits.sessionMinutes <= 1440) {
            problem("limits.session_minutes", "应大于 0 且不超过 1440 分钟（一天）")
        }
        if !(limits.minBodyBytesPerSecond >= 1 && limits.minBodyBytesPerSecond <= 1e9) {
            problem("limits.min_body_bytes_per_second", "应在 1 到 1000000000（每秒 1 GB）之间")
        }
        if !(limits.refusalPauseSeconds >= 0 && limits.refusalPauseSeconds <= 2) {
            problem("limits.refusal_pause_seconds", "应在 0 到 2 秒之间（不超过 503 答复的 Retry-After）")
        }
        if limits.pendingRequests > 0, limits.tokenShare > limits.pendingRequests {
            problem("limits.per_token_requests", "（\(limits.tokenShare)）不应超过 pending_requests（\(limits.pendingRequests)）")
        }
        var tokens: [Token] = []
        for (index, entry) in (stored.tokens ?? []).enumerated() {
            let at = "tokens[\(index)]"
            if entry.name.trimmingCharacters(in: .whitespaces).isEmpty { problem("\(at).name", "不能为空") }
            let hash = TokenDigest.parse(entry.sha256)
            if hash == nil {
                problem("\(at).sha256", "应为 64 位十六进制的 SHA-256 摘要（用 cedocs serve hash-token 生成），不是令牌本身")
            } else if tokens.contains(where: { $0.sha256 == hash }) {
                problem("\(at).sha256", "与前面的令牌重复")
            }
            let grant: Grant?
            switch (entry.unit, entry.agency, entry.bureau ?? false) {
            case (let unit?, nil, false) where !unit.trimmingCharacters(in: .whitespaces).isEmpty: grant = .unit(unit)
            case (nil, let agency?, false) where !agency.isEmpty: grant = .agency(path(agency))
            case (nil, nil, true): grant = .bureau
            default:
                grant = nil
                problem(at, "应写明 unit（单位名称）、agency（审验机构配置目录）或 bureau: true（市职称办）三者之一")
            }
            if let hash, let grant { tokens.append(Token(name: entry.name, grant: grant, sha256: hash, key: at)) }
        }
        var configuration = ServiceConfiguration(requestLog: path(stored.requestLog ?? "stamp-requests.sqlite"),
                                                 limits: limits, tokens: tokens)
        configuration.verifyRate = VerifyRate(stored.verifyRate, problems: &problems)
        if case .postgres? = registry { configuration.registry = registry }
        return configuration
    }
}

/// One thing wrong in service.yaml, at its key (`tokens[1].sha256`, `limits.people`; empty for the
/// file as a whole).
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// A value YAML could not decode, at the key where it stands.
    init(_ error: any Error) {
        guard let decoding = error as? DecodingError else {
            self.init(key: "", message: "不是有效的 YAML：\(error)")
            return
        }
        switch decoding {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            self.init(key: Self.path(context.codingPath), message: "应为\(Self.kind(type))")
        case .keyNotFound(let key, let context):
            self.init(key: Self.path(context.codingPath + [key]), message: "缺少这一项")
        case .dataCorrupted(let context):
            self.init(key: Self.path(context.codingPath), message: "无法读取：\(context.debugDescription)")
        @unknown default:
            self.init(key: "", message: "无法读取：\(error)")
        }
    }

    /// What a clerk calls the value that was expected (Yams names the YAML node it wanted, or the type).
    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "整数"
        case is Double.Type: "数字"
        case is Node.Mapping.Type: "键值表（key: value）"
        case is Node.Sequence.Type: "列表（[…] 或每行一个 - …）"
        default: "单个值（文字或数字）"
        }
    }

    /// `tokens[0].sha256` from the decoder's coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path.isEmpty ? key.stringValue : path + "." + key.stringValue
        }
    }

    public var description: String { key.isEmpty ? message : "\(key)：\(message)" }
}

/// The configuration cannot be used; the service does not start.
public struct ServiceSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// Every problem of the configuration file, one a line.
    init(file: URL, _ problems: [ConfigurationProblem]) {
        self.init(problems.map { "服务配置 \(file.path)：\($0)" }.joined(separator: "\n"))
    }
}

/// The configuration file as written.
struct StoredConfiguration: Decodable {
    struct Limits: Decodable {
        var bodyBytes: Int?
        var people: Int?
        var requestSeconds: Double?
        var pendingRequests: Int?
        var perTokenRequests: Int?
        var minBodyBytesPerSecond: Double?
        var idleSeconds: Double?
        var refusalPauseSeconds: Double?
        var sessionMinutes: Double?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case bodyBytes = "body_bytes", people, requestSeconds = "request_seconds", pendingRequests = "pending_requests"
            case perTokenRequests = "per_token_requests", minBodyBytesPerSecond = "min_body_bytes_per_second"
            case idleSeconds = "idle_seconds", refusalPauseSeconds = "refusal_pause_seconds"
            case sessionMinutes = "session_minutes"
        }
    }

    struct Token: Decodable {
        var name: String
        var unit: String?
        var agency: String?
        var bureau: Bool?
        var sha256: String

        enum CodingKeys: String, CodingKey, CaseIterable { case name, unit, agency, bureau, sha256 }
    }

    /// The city's PostgreSQL registry; a file is refused (the service's own registry of before, a second
    /// source of an agency's serials).
    var registry: String?
    var requestLog: String?
    var limits: Limits?
    var tokens: [Token]?
    var verifyRate: StoredVerifyRate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case registry, requestLog = "request_log", limits, tokens, verifyRate = "verify_rate"
    }
}
