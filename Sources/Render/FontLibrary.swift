import CPangoCairo
import Foundation
import Layout

/// The project's private fontconfig configuration (fonts/fonts.conf), loaded once at start and shared
/// read-only by every render thread. Only the listed fonts are visible, so output does not depend on
/// the host's font setup.
///
/// `@unchecked Sendable`: after `load` the configuration and the character set are never modified;
/// fontconfig's queries on them are thread-safe.
public final class FontLibrary: @unchecked Sendable {
    let config: OpaquePointer
    /// Every character some configured font can draw.
    private let coverage: OpaquePointer

    /// Loads `fonts.conf` from `directory`, checks that every role resolves to its font file.
    public init(directory: URL) throws(FontSetupError) {
        let path = directory.appendingPathComponent("fonts.conf").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FontSetupError(message: "找不到字体配置 \(path)（cedocs 的 fonts/ 目录）")
        }
        guard let config = FcConfigCreate() else { throw FontSetupError(message: "fontconfig 无法创建配置") }
        guard FcConfigParseAndLoad(config, path, 1) == 1, FcConfigBuildFonts(config) == 1 else {
            FcConfigDestroy(config)
            throw FontSetupError(message: "字体配置 \(path) 无法解析")
        }
        self.config = config
        coverage = FontLibrary.unionCoverage(of: config)
        try check()
    }

    deinit {
        FcCharSetDestroy(coverage)
        FcConfigDestroy(config)
    }

    /// Whether some configured font has a glyph for `scalar`.
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        FcCharSetHasChar(coverage, FcChar32(scalar.value)) != 0
    }

    /// The file a family (and weight) resolves to, as fontconfig matches it.
    public func resolvedFile(family: String, bold: Bool) -> String? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR)
        _ = "zh-cn".withCString { FcPatternAddString(pattern, FC_LANG, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        return String(cString: file)
    }

    /// Every role resolves to its font file, and the file can be read: at load, and again whenever asked
    /// (`cedocs serve`'s /readyz), since a font removed from under a running process leaves it resolving
    /// to a file that is gone.
    public func check() throws(FontSetupError) {
        var problems: [String] = []
        for requirement in FontRequirement.all {
            let resolved = resolvedFile(family: requirement.family, bold: requirement.bold)
            if resolved.map({ URL(fileURLWithPath: $0).lastPathComponent }) != requirement.file {
                problems.append("\(requirement.purpose)应为 \(requirement.file)，实际为 \(resolved ?? "无")；"
                                + "请安装 Debian 软件包 \(requirement.package)")
            } else if let resolved, !FileManager.default.isReadableFile(atPath: resolved) {
                problems.append("\(requirement.purpose)的字体文件 \(resolved) 无法读取；请重新安装 Debian 软件包 \(requirement.package)")
            }
        }
        if !problems.isEmpty {
            throw FontSetupError(message: "字体未就绪：\n  " + problems.joined(separator: "\n  "))
        }
    }

    private static func unionCoverage(of config: OpaquePointer) -> OpaquePointer {
        let union = FcCharSetCreate()!
        guard let set = FcConfigGetFonts(config, FcSetSystem) else { return union }
        for i in 0..<Int(set.pointee.nfont) {
            var charset: OpaquePointer?
            if FcPatternGetCharSet(set.pointee.fonts[i], FC_CHARSET, 0, &charset) == FcResultMatch, let charset {
                FcCharSetMerge(union, charset, nil)
            }
        }
        return union
    }
}
