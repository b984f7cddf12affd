import ArgumentParser
import Foundation
import Pipeline
import Records
import Registry
import enum Rules.AuditVerdict
import Stamping

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Tell whether a serial, a QR code's URL or a stamped PDF is a genuine result.",
        discussion: """
            Checks the agency's signature with its public key (public.pem) and looks the result up in its \
            registry; the person's name and ID number are shown masked, the check code never. A PDF whose bytes differ from \
            those issued is reported as altered. Give the agency by --agency PROFILE, or --config DIR to \
            find it from the serial. Exit status: 0 genuine, 1 not genuine (unknown, forged, altered or \
            superseded), 2 the input or the agency unusable.
            """
    )

    @Argument(help: "A serial (XZPX-2016-000123), the URL from a QR code, or a PDF file.")
    var input: String

    @Option(help: "The agency's profile folder.")
    var agency: String?

    @Option(help: "The configuration folder holding agencies/<code>/.")
    var config: String?

    @OptionGroup var registry: RegistryOption

    @Option(help: "The check code (校验码) printed under the QR code, to compare with the registry's.")
    var check: String?

    func validate() throws {
        guard (agency == nil) != (config == nil) else {
            throw ValidationError("请给出 --agency 机构目录 或 --config 配置目录（二者选一）")
        }
    }

    func run() throws {
        let subject = try readInput()
        let folder: URL
        if let agency {
            folder = URL(fileURLWithPath: agency)
        } else {
            // The serial names the agency; without one, or of an agency not set up here, nothing is genuine.
            guard let code = subject.agency else {
                Console.out(Verifier.Outcome.unknown(reason: "文件中找不到审验编号：不是盖章出具的文件，或已被改得无法辨认").message)
                throw ExitCode(1)
            }
            folder = AgencyProfile.folder(code: code, config: URL(fileURLWithPath: config!))
            guard FileManager.default.fileExists(atPath: folder.path) else {
                Console.out(Verifier.Outcome.unknown(reason: "本配置中没有代码为 \(code) 的审验机构，编号不是真实的").message)
                throw ExitCode(1)
            }
        }
        let verifier: Verifier
        do {
            let profile = try AgencyProfile(contentsOf: folder)
            verifier = Verifier(registry: try registry.location(of: profile).open(create: false),
                                publicKey: try AgencyPublicKey(contentsOf: profile.publicKeyFile), agency: profile.code)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let outcome: Verifier.Outcome
        do {
            switch subject {
            case .serial(let serial): outcome = try verifier.verify(serial)
            case .link(let link): outcome = try verifier.verify(link)
            case .pdf(let bytes, _): outcome = try verifier.verify(pdf: bytes)
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        guard VerifyText.print(outcome, check: check) else { throw ExitCode(1) }
    }

    enum Subject {
        case serial(Serial)
        case link(VerificationLink)
        /// The file's bytes, and the agency of the first serial written in it.
        case pdf([UInt8], agency: String?)

        var agency: String? {
            switch self {
            case .serial(let serial): return serial.agency
            case .link(let link): return link.serial.agency
            case .pdf(_, let agency): return agency
            }
        }
    }

    private func readInput() throws -> Subject {
        if input.contains("://") {
            guard let link = VerificationLink(url: input) else {
                Console.error("“\(input)”不是 cedocs 的查询网址（应为 …/审验编号?sig=签名）")
                throw ExitCode(2)
            }
            return .link(link)
        }
        if FileManager.default.fileExists(atPath: input) {
            guard let data = FileManager.default.contents(atPath: input), data.starts(with: Array("%PDF".utf8)) else {
                Console.error("\(input) 不是 PDF 文件")
                throw ExitCode(2)
            }
            let bytes = Array(data)
            return .pdf(bytes, agency: Serial.find(in: bytes).first?.agency)
        }
        guard let serial = Serial(input) else {
            Console.error("无法识别“\(input)”：请给出审验编号（如 XZPX-2016-000123）、二维码中的网址或 PDF 文件")
            throw ExitCode(2)
        }
        return .serial(serial)
    }
}

/// The answer as the agency's clerk reads it. This command runs on the agency's own machine with its
/// registry, which holds every result whole, so it shows the result (the person masked, as on the
/// public page) without asking for proof. It never prints the check code, nor the right one when a
/// wrong one is given (--check): the code is what a holder of the paper proves it with, and a clerk
/// who has to reissue a paper reprints result.pdf from the archive, not the code.
enum VerifyText {
    /// Prints the outcome; true when the result is genuine (and the check code, if given, matches).
    static func print(_ outcome: Verifier.Outcome, check: String?) -> Bool {
        if case .genuine(let issued, _) = outcome, let check, !issued.signed.checkCodeMatches(check) {
            Console.out("不符：所给的校验码 \(check) 不是编号 \(issued.serial) 的校验码，纸面结果可能是伪造的")
            return false
        }
        Console.out(outcome.message)
        switch outcome {
        case .genuine(let issued, _):
            facts(issued)
            return true
        case .superseded(let issued):
            facts(issued)
        case .altered, .forged, .unknown:
            break
        }
        return false
    }

    private static func facts(_ issued: IssuedResult) {
        let c = issued.signed.content
        let date = c["date"].flatMap { CalendarDate(iso: $0)?.chinese } ?? ""
        Console.out("  审验机构：\(c["agency_name"] ?? "")（\(c["agency"] ?? "")）")
        Console.out("  审验年度：\(c["year"] ?? "")")
        switch c.kind {
        case .person:
            Console.out("  姓名：\(Masking.name(c["person_name"] ?? ""))")
            Console.out("  公民身份号码：\(Masking.idNumber(c["person_id"] ?? ""))")
            Console.out("  工作单位：\(c["unit"] ?? "")")
            Console.out("  学时：合计 \(c["hours_total"] ?? "")（公共科目 \(c["hours_public"] ?? "")，"
                        + "专业科目 \(c["hours_professional"] ?? "")；应修 \(c["hours_required"] ?? "")）")
            let reasons = c["reasons"] ?? ""
            Console.out("  审验结论：\(c["verdict"] ?? "")" + (reasons.isEmpty ? "" : "（\(reasons)）"))
        case .roster:
            Console.out("  单位：\(c["unit"] ?? "")")
            Console.out("  年度审验表：" + AuditVerdict.tally(passed: Int(c["passed"] ?? "") ?? 0, failed: Int(c["failed"] ?? "") ?? 0))
        }
        Console.out("  审验日期：\(date)")
    }
}
