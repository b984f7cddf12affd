import ArgumentParser
import Foundation
import Stamping

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency",
        abstract: "Set up an audit agency (审验机构): its profile, seal image and signing key.",
        subcommands: [Init.self, Show.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an agency profile with a new Ed25519 signing key.",
            discussion: """
                Creates <config>/agencies/<code>/ with agency.yaml, a copy of the seal image (seal.png), \
                the signing key signing.key (mode 0600; never printed) and the public key public.pem to \
                give to verifiers. An existing profile is never overwritten.
                """
        )

        @Argument(help: "The agency's name as it appears in the records' audit.agency, e.g. 徐州市职业技术培训中心.")
        var name: String

        @Option(help: "ASCII code, the first part of every serial (2–8 capital letters or digits), e.g. XZPX.")
        var code: String

        @Option(name: .customLong("district"), help: "A district the agency audits (unit.district), e.g. 市直; repeat for several.")
        var districts: [String]

        @Option(help: "The agency's own seal scan: a PNG with a transparent background.")
        var seal: String?

        @Option(help: "The seal's diameter in mm (at most 45).")
        var sealDiameter: Double = AgencyProfile.defaultSealDiameter

        @Option(help: "Start of the verification URLs in the QR codes: the agency's result lookup page.")
        var verifyBase: String = AgencyProfile.placeholderVerifyBase

        @Option(help: "The configuration folder (agencies go in its agencies/ subfolder).")
        var config: String

        func run() throws {
            let profile: AgencyProfile
            do {
                profile = try AgencyProfile.create(name: name, code: code, districts: districts,
                                                   seal: seal.map { URL(fileURLWithPath: $0) }, sealDiameter: sealDiameter,
                                                   verifyBase: verifyBase, config: URL(fileURLWithPath: config))
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            Console.out("已建立审验机构“\(profile.name)”（\(profile.code)）：\(profile.folder.path)")
            AgencyText.print(profile)
            if profile.seal == nil {
                Console.out("未提供印章图像：盖章文件上的印章处保留虚线框，须手工盖章。")
            }
            if verifyBase == AgencyProfile.placeholderVerifyBase {
                Console.out("注意：查询网址仍是占位的 \(verifyBase)，出具结果前请在 agency.yaml 中改为 verify_base: 本机构的查询地址。")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an agency profile and its public key.")

        @Argument(help: "The agency's profile folder, e.g. config/agencies/XZPX.")
        var profile: String

        func run() throws {
            do {
                AgencyText.print(try AgencyProfile(contentsOf: URL(fileURLWithPath: profile)))
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
    }
}

enum AgencyText {
    static func print(_ profile: AgencyProfile) {
        Console.out("  审验地区：\(profile.districts.joined(separator: "、"))")
        Console.out("  印章图像：\(profile.seal?.path ?? "无（手工盖章）")，直径 \(String(format: "%g", profile.sealDiameter)) mm")
        Console.out("  查询网址：\(profile.verifyBase)")
        if let key = try? AgencyPublicKey(contentsOf: profile.publicKeyFile) {
            Console.out("  公钥：\(profile.publicKeyFile.path)（指纹 \(key.fingerprint)），可交给核验方")
        }
    }
}
