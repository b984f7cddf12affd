import Foundation
import Testing
@testable import Stamping

@Suite("Agency profiles and keys")
struct AgencyTests {
    func create(in config: URL, code: String = "XZPX", seal: URL? = nil, diameter: Double = 42) throws -> AgencyProfile {
        try AgencyProfile.create(name: "徐州市职业技术培训中心", code: code, districts: ["市直"], seal: seal,
                                 sealDiameter: diameter, verifyBase: "https://verify.example.org/ce", config: config)
    }

    @Test("init makes the profile; the signing key is created with mode 0600 and reads back")
    func keyFileMode() throws {
        let config = temporaryFolder()
        let profile = try create(in: config)
        var info = stat()
        #expect(stat(profile.signingKeyFile.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat(profile.folder.path, &info) == 0 && info.st_mode & 0o077 == 0)
        let loaded = try AgencyProfile(contentsOf: profile.folder)
        #expect(loaded == profile)
        let key = try AgencyKey(contentsOf: profile.signingKeyFile)
        #expect(key.publicKey == (try AgencyPublicKey(contentsOf: profile.publicKeyFile)))
        // The key never appears in the profile or the public key file.
        let keyText = try String(contentsOf: profile.signingKeyFile, encoding: .utf8)
        let keyBody = keyText.split(separator: "\n")[1]
        for file in [AgencyProfile.fileName, "public.pem"] {
            #expect(!(try String(contentsOf: profile.folder.appendingPathComponent(file), encoding: .utf8)).contains(keyBody))
        }
    }

    @Test("openssl reads the public key: it is a standard Ed25519 SubjectPublicKeyInfo")
    func publicKeyIsStandard() throws {
        let profile = try create(in: temporaryFolder())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "pkey", "-pubin", "-in", profile.publicKeyFile.path, "-noout", "-text"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("ED25519 Public-Key"))
    }

    @Test("an existing profile is never overwritten (its key would be lost)")
    func noOverwrite() throws {
        let config = temporaryFolder()
        let profile = try create(in: config)
        let key = try Data(contentsOf: profile.signingKeyFile)
        #expect(throws: StampingError.self) { try create(in: config) }
        #expect(try Data(contentsOf: profile.signingKeyFile) == key)
    }

    @Test("no key, no stamp: a missing key or one others can read is refused, naming the file")
    func keyRefused() throws {
        let profile = try create(in: temporaryFolder())
        chmod(profile.signingKeyFile.path, 0o644)
        let loose = try #require(throws: StampingError.self) { try AgencyKey(contentsOf: profile.signingKeyFile) }
        #expect(loose.message.contains("chmod 600") && loose.message.contains(profile.signingKeyFile.path))
        try FileManager.default.removeItem(at: profile.signingKeyFile)
        let missing = try #require(throws: StampingError.self) { try AgencyKey(contentsOf: profile.signingKeyFile) }
        #expect(missing.message.contains("没有私钥不能盖章"))
    }

    @Test("bad values are refused before anything is written")
    func badValues() throws {
        let config = temporaryFolder()
        #expect(throws: StampingError.self) { try create(in: config, code: "xz") }
        #expect(throws: StampingError.self) { try create(in: config, diameter: 46) }
        let opaque = config.appendingPathComponent("opaque.png")
        try pngHeader(colourType: 2).write(to: opaque)
        let error = try #require(throws: StampingError.self) { try create(in: config, seal: opaque) }
        #expect(error.message.contains("没有透明背景"))
        let text = config.appendingPathComponent("seal.txt")
        try Data("红色印章".utf8).write(to: text)
        #expect(throws: StampingError.self) { try create(in: config, seal: text) }
        #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("agencies/XZPX").path))
    }

    @Test("a seal with an alpha channel is copied into the profile")
    func sealCopied() throws {
        let config = temporaryFolder()
        let seal = config.appendingPathComponent("scan.png")
        try pngHeader(colourType: 6).write(to: seal)
        let profile = try create(in: config, seal: seal)
        #expect(profile.seal == profile.folder.appendingPathComponent("seal.png"))
        #expect(try Data(contentsOf: profile.seal!) == Data(contentsOf: seal))
    }
}

@Suite("Signatures, verification links and check codes")
struct SignatureTests {
    @Test("a signature verifies for its content only")
    func signAndVerify() throws {
        let key = AgencyKey()
        let signed = try key.sign(content())
        #expect(signed.signature.count == 64)
        #expect(key.publicKey.isValid(signed.signature, for: content()))
        #expect(!key.publicKey.isValid(signed.signature, for: content(name: "张卫冬")))
        #expect(!AgencyKey().publicKey.isValid(signed.signature, for: content()))
    }

    @Test("the URL carries the serial and the signature, and parses back")
    func link() throws {
        let signed = try AgencyKey().sign(content())
        let url = signed.verificationURL(base: "https://verify.example.org/ce/")
        #expect(url.hasPrefix("https://verify.example.org/ce/XZPX-2016-000123?sig="))
        let link = try #require(VerificationLink(url: url))
        #expect(link.serial.description == "XZPX-2016-000123")
        #expect(link.signature == signed.signature)
        #expect(VerificationLink(url: "https://verify.example.org/ce/XZPX-2016-000123?sig=abc") == nil)
        #expect(VerificationLink(url: "ftp://x/XZPX-2016-000123?sig=" + String(repeating: "A", count: 86)) == nil)
    }

    @Test("the check code is 8 unambiguous characters from the signature")
    func checkCode() throws {
        let signed = try AgencyKey().sign(content())
        let code = signed.checkCode
        #expect(code.count == 9 && Array(code)[4] == "-")
        #expect(code.replacingOccurrences(of: "-", with: "").allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        #expect(SignedResult(content: signed.content, signature: signed.signature).checkCode == code)
    }

    @Test("a check code is matched as typed by hand, and only the whole code matches")
    func checkCodeTyped() {
        let code = "7KQ2-M9X0"
        for typed in ["7KQ2-M9X0", "7kq2m9x0", " 7KQ2 M9X0 ", "７ＫＱ２－Ｍ９Ｘ０", "7KQ2—M9XO", "7KQ2\u{3000}M9Xo"] {
            #expect(CheckCode.matches(typed, code), "“\(typed)”")
        }
        for typed in ["", "7KQ2-M9X", "7KQ2-M9X01", "7KQ2-M9X1", "8KQ2-M9X0", String(repeating: "7KQ2M9X0", count: 9)] {
            #expect(!CheckCode.matches(typed, code), "“\(typed)”")
        }
        #expect(CheckCode.normalised("ｉｌ-Ｏo") == Array("1100".utf8))
    }
}
