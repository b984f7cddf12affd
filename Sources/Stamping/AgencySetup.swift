import Foundation

extension AgencyProfile {
    /// `cedocs agency init`: makes the profile folder `<config>/agencies/<code>/` with agency.yaml, a
    /// copy of the seal scan, a new signing key (mode 0600) and its public key. Refuses an existing
    /// folder, so a key is never overwritten; on any failure nothing is left behind.
    public static func create(name: String, code: String, districts: [String], seal: URL?, sealDiameter: Double,
                              verifyBase: String, config: URL) throws(StampingError) -> AgencyProfile {
        let folder = Self.folder(code: code, config: config)
        // Checked before anything is written: the values, the seal scan where it is now.
        _ = try AgencyProfile(name: name, code: code, districts: districts, seal: seal, sealDiameter: sealDiameter,
                              verifyBase: verifyBase, folder: folder, source: "审验机构 \(code)")
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw StampingError("\(folder.path) 已存在：机构 \(code) 已经建立过。为免覆盖原有私钥，不会重新生成；"
                                + "如需修改名称、地区或印章，请直接编辑其中的 \(fileName)")
        }
        do {
            try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Only the owner may enter: the folder holds the private key.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StampingError("无法建立目录 \(folder.path)：\(error.localizedDescription)")
        }
        do throws(StampingError) {
            let copiedSeal = folder.appendingPathComponent("seal.png")
            if let seal {
                do {
                    try FileManager.default.copyItem(at: seal, to: copiedSeal)
                } catch {
                    throw StampingError("无法复制印章图像 \(seal.path)：\(error.localizedDescription)")
                }
            }
            let profile = try AgencyProfile(name: name, code: code, districts: districts,
                                            seal: seal == nil ? nil : copiedSeal, sealDiameter: sealDiameter,
                                            verifyBase: verifyBase, folder: folder, source: "审验机构 \(code)")
            let key = AgencyKey()
            try key.write(to: profile.signingKeyFile)
            try write(key.publicKey.pem, to: profile.publicKeyFile)
            try write(profile.yaml(), to: folder.appendingPathComponent(fileName))
            return profile
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private static func write(_ text: String, to url: URL) throws(StampingError) {
        do {
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw StampingError("无法写入 \(url.path)：\(error.localizedDescription)")
        }
    }
}
