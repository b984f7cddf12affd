import Layout

/// The font each role must resolve to in the private configuration, and the Debian package that
/// brings it: what the start-up check compares, and what its message tells the operator to install.
public struct FontRequirement: Sendable {
    /// The family asked for, as fonts/fonts.conf names it.
    public var family: String
    /// Bold weight (the 标宋-like titles).
    public var bold: Bool
    /// The file it must resolve to (basename).
    public var file: String
    public var package: String
    /// What the font is for, in the message.
    public var purpose: String

    /// The Noto faces are prepared from the package at setup (fonts/prepared/).
    static let preparedNoto = "fonts-noto-cjk，并运行 scripts/prepare-fonts.sh"

    /// Every face cedocs uses: the three roles, the bold title face, their rare halves and the
    /// rare-character fallbacks.
    public static let all: [FontRequirement] = [
        FontRequirement(family: FontFamilies.family(for: .song), bold: false, file: "NotoSerifCJKsc-Regular.ttf",
                        package: preparedNoto, purpose: "宋体（正文）"),
        FontRequirement(family: FontFamilies.family(for: .song), bold: true, file: "NotoSerifCJKsc-Bold.ttf",
                        package: preparedNoto, purpose: "标宋（标题）"),
        FontRequirement(family: FontFamilies.family(for: .hei), bold: false, file: "NotoSansCJKsc-Regular.ttf",
                        package: preparedNoto, purpose: "黑体（栏目名）"),
        FontRequirement(family: "Noto Serif CJK SC Rare", bold: false, file: "NotoSerifCJKsc-Regular-Rare.ttf",
                        package: preparedNoto, purpose: "宋体（扩展区汉字）"),
        FontRequirement(family: "Noto Serif CJK SC Rare", bold: true, file: "NotoSerifCJKsc-Bold-Rare.ttf",
                        package: preparedNoto, purpose: "标宋（扩展区汉字）"),
        FontRequirement(family: "Noto Sans CJK SC Rare", bold: false, file: "NotoSansCJKsc-Regular-Rare.ttf",
                        package: preparedNoto, purpose: "黑体（扩展区汉字）"),
        FontRequirement(family: FontFamilies.family(for: .kai), bold: false, file: "LXGWWenKai-Regular.ttf",
                        package: "fonts-lxgw-wenkai", purpose: "楷体（意见）"),
        FontRequirement(family: "HanaMinA", bold: false, file: "HanaMinA.ttf",
                        package: "fonts-hanazono", purpose: "生僻字后备字体"),
        FontRequirement(family: "HanaMinB", bold: false, file: "HanaMinB.ttf",
                        package: "fonts-hanazono", purpose: "生僻字后备字体（扩展B区及以后）"),
        FontRequirement(family: "BabelStone Han", bold: false, file: "BabelStoneHan.ttf",
                        package: "fonts-babelstone-han", purpose: "生僻字后备字体"),
    ]
}

/// Role → the alias family of fonts/fonts.conf (which lists the face and its fallbacks).
public enum FontFamilies {
    public static func family(for role: FontRole) -> String {
        switch role {
        case .song: return "cedocs-song"
        case .hei: return "cedocs-hei"
        case .kai: return "cedocs-kai"
        }
    }
}

/// A font that did not resolve as required.
public struct FontSetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
