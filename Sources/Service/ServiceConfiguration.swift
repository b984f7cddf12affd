import Foundation
import Yams

/// The file `cedocs serve --config FILE` reads. Paths are relative to the file's folder.
///
/// ```yaml
/// request_log: stamp-requests.sqlite  # the log of stamp requests (SQLite); each agency's results go
///                                    # into its own profile's registry.sqlite, as with cedocs stamp
/// limits:                            # each optional; the defaults are shown
///   body_bytes: 8388608              # a records file larger than this: 413
///   people: 1000                     # more people in one request: 422
///   request_seconds: 120             # a request still working after this: 408
///   pending_requests: 16             # check/render/stamp requests at work at once (a body counts once it has
///                                    # arrived whole); beyond: 503 with Retry-After
///   per_token_requests: 8            # of these, at most this many for one token (default: half, at least 1)
///   min_body_bytes_per_second: 16384 # after its first idle_seconds, a body slower than this on average: 408
///   idle_seconds: 5                  # a connection with nothing to read for this long is closed
/// verify_rate: { burst: 100, per_minute: 60 }   # /v1/verify per client address; beyond: 429 (VerifyRate)
/// tokens:                            # bearer tokens, stored as SHA-256 (cedocs serve hash-token)
///   - name: 徐州市测试单位人事处        # who: written in the log of stamp requests
///     unit: 徐州市测试单位             # may check and render this unit's records only
///     sha256: 3a7bd3e2…
///   - name: 市职业技术培训中心
///     agency: agencies/XZPX          # an agency profile folder: may also stamp, for its districts, with its seal
///     sha256: 9f86d081…
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
    }

    public struct Token: Sendable, Equatable {
        public var name: String
        public var grant: Grant
        /// SHA-256 of the token.
        public var sha256: [UInt8]
    }

    /// Who asked to stamp what (SQLite). Not a source of serials: an agency's results go only into its
    /// profile's registry, whichever front end stamps (one registry per agency).
    public var requestLog: URL
    public var limits: Limits
    public var tokens: [Token]
    /// The public verify route's rate limit (VerifyRateSettings.swift).
    public var verifyRate = VerifyRate()

    public init(requestLog: URL, limits: Limits = Limits(), tokens: [Token]) {
        self.requestLog = requestLog
        self.limits = limits
        self.tokens = tokens
    }

    public init(contentsOf file: URL) throws(ServiceSetupError) {
        func problem(_ message: String) -> ServiceSetupError { ServiceSetupError("服务配置 \(file.path)：\(message)") }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ServiceSetupError("找不到服务配置文件 \(file.path)，或它不是 UTF-8 文本")
        }
        let stored: StoredConfiguration
        do {
            stored = try YAMLDecoder().decode(StoredConfiguration.self, from: text)
        } catch {
            throw problem("无法读取：\(error)")
        }
        guard stored.registry == nil else {
            throw problem("registry 已不再使用：各审验机构的结果只登记在其配置目录中的 registry.sqlite（与 cedocs stamp 同一个），"
                          + "盖章请求的记录改用 request_log 指定，如 request_log: stamp-requests.sqlite")
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
        }
        guard limits.bodyBytes > 0, limits.people > 0, limits.requestSeconds > 0, limits.pendingRequests > 0,
              limits.tokenShare > 0, limits.minBodyBytesPerSecond > 0, limits.idleSeconds > 0 else {
            throw problem("limits 中的各项限制都应大于 0")
        }
        // Seconds become Ints of nanoseconds for the timers: keep them to what a service could want.
        guard limits.requestSeconds <= 86400, limits.idleSeconds <= 86400 else {
            throw problem("limits.request_seconds 和 limits.idle_seconds 不应超过 86400 秒（一天）")
        }
        guard limits.minBodyBytesPerSecond >= 1, limits.minBodyBytesPerSecond <= 1e9 else {
            throw problem("limits.min_body_bytes_per_second 应在 1 到 1000000000（每秒 1 GB）之间")
        }
        guard limits.tokenShare <= limits.pendingRequests else {
            throw problem("limits.per_token_requests（\(limits.tokenShare)）不应超过 pending_requests（\(limits.pendingRequests)）")
        }
        var tokens: [Token] = []
        for (index, entry) in (stored.tokens ?? []).enumerated() {
            let at = "tokens[\(index)]"
            guard !entry.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw problem("\(at).name 不能为空") }
            guard let hash = TokenDigest.parse(entry.sha256) else {
                throw problem("\(at).sha256 应为 64 位十六进制的 SHA-256 摘要（用 cedocs serve hash-token 生成），不是令牌本身")
            }
            let grant: Grant
            switch (entry.unit, entry.agency) {
            case (let unit?, nil) where !unit.trimmingCharacters(in: .whitespaces).isEmpty: grant = .unit(unit)
            case (nil, let agency?) where !agency.isEmpty: grant = .agency(path(agency))
            default: throw problem("\(at) 应写明 unit（单位名称）或 agency（审验机构配置目录）之一")
            }
            guard !tokens.contains(where: { $0.sha256 == hash }) else { throw problem("\(at) 的令牌与前面的重复") }
            tokens.append(Token(name: entry.name, grant: grant, sha256: hash))
        }
        let verifyRate = try VerifyRate(stored.verifyRate, problem: problem)
        self.init(requestLog: path(stored.requestLog ?? "stamp-requests.sqlite"), limits: limits, tokens: tokens)
        self.verifyRate = verifyRate
    }
}

/// The configuration cannot be used; the service does not start.
public struct ServiceSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The configuration file as written.
private struct StoredConfiguration: Decodable {
    struct Limits: Decodable {
        var bodyBytes: Int?
        var people: Int?
        var requestSeconds: Double?
        var pendingRequests: Int?
        var perTokenRequests: Int?
        var minBodyBytesPerSecond: Double?
        var idleSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case bodyBytes = "body_bytes", people, requestSeconds = "request_seconds", pendingRequests = "pending_requests"
            case perTokenRequests = "per_token_requests", minBodyBytesPerSecond = "min_body_bytes_per_second"
            case idleSeconds = "idle_seconds"
        }
    }

    struct Token: Decodable {
        var name: String
        var unit: String?
        var agency: String?
        var sha256: String
    }

    /// Refused: the service's own registry of before, a second source of an agency's serials.
    var registry: String?
    var requestLog: String?
    var limits: Limits?
    var tokens: [Token]?
    var verifyRate: StoredVerifyRate?

    enum CodingKeys: String, CodingKey {
        case registry, requestLog = "request_log", limits, tokens, verifyRate = "verify_rate"
    }
}
