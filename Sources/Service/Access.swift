import Foundation
import Hummingbird
import Records
import Registry
import Stamping

/// An audit agency the service stamps for: its profile, its signing key (loaded once, at start), its
/// public key for verification, and its registry — the city's (`registry:` in service.yaml) or else the
/// profile's registry.sqlite, the same one `cedocs stamp` uses, so that the agency's serials have one
/// source whichever front end stamps.
struct Agency: Sendable {
    let profile: AgencyProfile
    let key: AgencyKey
    let publicKey: AgencyPublicKey
    let registry: any Registry

    init(folder: URL, registry shared: (any Registry)?) throws {
        profile = try AgencyProfile(contentsOf: folder)
        key = try AgencyKey(contentsOf: profile.signingKeyFile)
        publicKey = key.publicKey
        registry = try shared ?? SQLiteRegistry(file: profile.registryFile, create: true)
    }
}

/// Who is asking, by the bearer token presented.
struct Caller: Sendable {
    enum Role: Sendable {
        case unit(String)
        case agency(Agency)
        /// The city office (市职称办): reads every agency's results; checks, renders and stamps nothing.
        case bureau
    }

    /// The token's name in the configuration.
    let name: String
    let role: Role
    /// The SHA-256 of its token: its share of the requests at work is counted by it, the same token
    /// whatever its place in the configuration, before and after a reload.
    let token: [UInt8]

    /// A unit works on its own records; an agency on those of the units of its districts. The
    /// refusal names only what the request itself holds, never whether the unit is known here.
    func authorize(_ unit: EmployerUnit) throws(ServiceError) {
        switch role {
        case .unit(let own):
            guard unit.name == own else {
                throw .forbidden("此令牌只能处理本单位的记录，不能处理单位“\(unit.name)”的记录。")
            }
        case .agency(let agency):
            guard agency.profile.serves(unit.district) else {
                throw .forbidden("单位“\(unit.name)”不在\(agency.profile.name)的审验范围"
                                 + "（\(agency.profile.districts.joined(separator: "、"))）内。")
            }
        case .bureau:
            throw .forbidden("市职称办的令牌只用于查阅各审验机构的结果和抽检，不能处理单位的记录。")
        }
    }

    /// Only an agency stamps, with its own seal, for the units of its districts.
    func stampingAgency(for unit: EmployerUnit) throws(ServiceError) -> Agency {
        guard case .agency(let agency) = role else {
            throw .forbidden("只有审验机构可以盖章出具审验结果，单位令牌不能盖章。")
        }
        try authorize(unit)
        return agency
    }
}

/// The tokens of the configuration, checked at every request.
struct Gatekeeper: Sendable {
    private let callers: [(sha256: [UInt8], caller: Caller)]
    /// Every agency of the configuration, by code: whose results the service verifies.
    let agencies: [String: Agency]
    /// Where every agency's results are, for the city office: the city's registry, or each agency's own.
    let registries: [any Registry]

    /// `registry`: the city's, shared by every agency; nil: each agency's own registry.sqlite.
    init(_ tokens: [ServiceConfiguration.Token], registry: (any Registry)? = nil) throws {
        var agencies: [String: Agency] = [:]
        var callers: [(sha256: [UInt8], caller: Caller)] = []
        for token in tokens {
            switch token.grant {
            case .unit(let name):
                callers.append((token.sha256, Caller(name: token.name, role: .unit(name), token: token.sha256)))
            case .agency(let folder):
                let found = try AgencyProfile(contentsOf: folder)
                // Tokens of one agency share its profile; two profiles of one code would be two sources of its serials.
                if let known = agencies[found.code], known.profile.folder.standardizedFileURL != found.folder.standardizedFileURL {
                    throw StampingError("机构代码 \(found.code) 出现在两个配置目录中（\(known.profile.folder.path)、\(found.folder.path)）："
                                        + "一个机构只能有一个审验登记库")
                }
                let agency = try agencies[found.code] ?? Agency(folder: folder, registry: registry)
                agencies[agency.profile.code] = agency
                callers.append((token.sha256, Caller(name: token.name, role: .agency(agency), token: token.sha256)))
            case .bureau:
                callers.append((token.sha256, Caller(name: token.name, role: .bureau, token: token.sha256)))
            }
        }
        self.callers = callers
        self.agencies = agencies
        registries = registry.map { [$0] } ?? agencies.keys.sorted().map { agencies[$0]!.registry }
    }

    /// The tokens of `configuration`; an agency profile that cannot be used stops it.
    init(of configuration: ServiceConfiguration) throws(ServiceSetupError) {
        do {
            try self.init(configuration.tokens, registry: try configuration.registry?.open(create: false))
        } catch {
            throw ServiceSetupError("服务配置中的审验机构无法使用：\(error)")
        }
    }

    /// The caller of a request with `Authorization: Bearer <token>`; 401 otherwise. Every configured
    /// digest is compared, so the time taken does not tell which one came close.
    func caller(of request: Request) throws(ServiceError) -> Caller {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { throw .unauthorized }
        let digest = TokenDigest.sha256(of: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        guard let found = caller(digest: digest) else { throw .unauthorized }
        return found
    }

    /// The caller whose token has this SHA-256, if it is configured now (a page's session keeps only the
    /// digest, and asks again at each request: a token removed by a reload ends its sessions).
    func caller(digest: [UInt8]) -> Caller? {
        var found: Caller?
        for entry in callers where TokenDigest.equal(entry.sha256, digest) { found = entry.caller }
        return found
    }
}
