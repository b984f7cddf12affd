import Foundation
import Yams

/// An audit agency (审验机构) as cedocs knows it: a folder `<config>/agencies/<code>/` holding
/// `agency.yaml` (below), its seal scan `seal.png`, its signing key `signing.key`, its public key
/// `public.pem` for verifiers, and `registry.sqlite`, the register of the results it issued.
///
/// ```yaml
/// name: 徐州市职业技术培训中心
/// code: XZPX                  # ASCII, the first part of every serial
/// districts: [市直]            # the units' districts (unit.district) it audits
/// seal: seal.png              # absent: the seal slot keeps its dashed placeholder
/// seal_diameter: 42           # mm, at most 45
/// verify_base: https://…/verify
/// ```
public struct AgencyProfile: Sendable, Equatable {
    public var name: String
    public var code: String
    public var districts: [String]
    /// The seal scan, a PNG with transparency in the profile folder; nil when the agency stamps by hand.
    public var seal: URL?
    /// mm
    public var sealDiameter: Double
    /// Where verification URLs point: the agency's (or the city's) result lookup page.
    public var verifyBase: String
    public var folder: URL

    public static let fileName = "agency.yaml"
    public static let defaultSealDiameter = 42.0
    public static let largestSealDiameter = 45.0
    /// Until the agency sets its real lookup address: `.invalid` never resolves (RFC 6761).
    public static let placeholderVerifyBase = "https://cedocs.invalid/verify"

    public var signingKeyFile: URL { folder.appendingPathComponent("signing.key") }
    public var publicKeyFile: URL { folder.appendingPathComponent("public.pem") }
    public var registryFile: URL { folder.appendingPathComponent("registry.sqlite") }

    /// The profile folder of agency `code` under a configuration folder.
    public static func folder(code: String, config: URL) -> URL {
        config.appendingPathComponent("agencies").appendingPathComponent(code)
    }

    /// Whether this agency audits units of `district` (市直 or a county/district).
    public func serves(_ district: String?) -> Bool {
        guard let district else { return false }
        return districts.contains(district)
    }

    /// Reads the profile from its folder (or the agency.yaml in it) and checks every value.
    public init(contentsOf location: URL) throws(StampingError) {
        let isFile = location.lastPathComponent == Self.fileName
        let folder = isFile ? location.deletingLastPathComponent() : location
        let file = folder.appendingPathComponent(Self.fileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw StampingError("找不到审验机构配置 \(file.path)（用 cedocs agency init 建立）")
        }
        let stored: StoredProfile
        do {
            stored = try YAMLDecoder().decode(StoredProfile.self, from: text)
        } catch {
            throw StampingError("审验机构配置 \(file.path) 无法读取：\(error)")
        }
        try self.init(name: stored.name, code: stored.code, districts: stored.districts,
                      seal: stored.seal.map { folder.appendingPathComponent($0) },
                      sealDiameter: stored.sealDiameter ?? Self.defaultSealDiameter,
                      verifyBase: stored.verifyBase, folder: folder, source: file.path)
    }

    init(name: String, code: String, districts: [String], seal: URL?, sealDiameter: Double, verifyBase: String,
         folder: URL, source: String) throws(StampingError) {
        func problem(_ message: String) -> StampingError { StampingError("\(source)：\(message)") }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw problem("机构名称 name 不能为空") }
        guard Serial.isValidCode(code) else {
            throw problem("机构代码 code “\(code)”不合要求：应为 2–8 位大写英文字母或数字，以字母开头，如 XZPX")
        }
        let districts = districts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !districts.isEmpty else { throw problem("至少要写明一个审验的地区 districts，如 市直") }
        guard sealDiameter > 0, sealDiameter <= Self.largestSealDiameter else {
            throw problem("印章直径 seal_diameter 为 \(sealDiameter) mm，应大于 0 且不超过 45 mm")
        }
        guard let scheme = URLComponents(string: verifyBase)?.scheme?.lowercased(), scheme == "https" || scheme == "http",
              URLComponents(string: verifyBase)?.host?.isEmpty == false else {
            throw problem("查询网址 verify_base “\(verifyBase)”不是 http(s) 网址")
        }
        if let seal { try SealScan.check(seal) }
        self.name = name
        self.code = code
        self.districts = districts
        self.seal = seal
        self.sealDiameter = sealDiameter
        self.verifyBase = verifyBase
        self.folder = folder
    }

    /// The YAML text of the profile, with a header saying what the folder holds. Written by hand so
    /// that a clerk reads the Chinese as it is (strings double-quoted, JSON-style escapes).
    func yaml() -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = [
            "# 审验机构配置（cedocs agency init 生成，可编辑）。同一目录下：印章图像 seal.png、",
            "# 签名私钥 signing.key（切勿外传、打印或复制到他处）、公钥 public.pem（可交给核验方）、",
            "# 审验登记库 registry.sqlite。",
            "name: \(quoted(name))",
            "code: \(code)",
            "districts: [\(districts.map(quoted).joined(separator: ", "))]",
        ]
        if let seal { lines.append("seal: \(quoted(seal.lastPathComponent))") }
        lines.append("seal_diameter: \(sealDiameter == sealDiameter.rounded() ? String(Int(sealDiameter)) : String(sealDiameter))")
        lines.append("# 二维码中查询网址的前缀：本机构（或市职称办）的结果查询地址。")
        lines.append("verify_base: \(quoted(verifyBase))")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// agency.yaml as written.
struct StoredProfile: Decodable {
    var name: String
    var code: String
    var districts: [String]
    var seal: String?
    var sealDiameter: Double?
    var verifyBase: String

    enum CodingKeys: String, CodingKey {
        case name, code, districts, seal
        case sealDiameter = "seal_diameter", verifyBase = "verify_base"
    }
}
