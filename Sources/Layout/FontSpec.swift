/// A font by role, as DESIGN.md assigns them; the renderer maps each role to a family of the
/// project's private font configuration (fonts/fonts.conf).
public enum FontRole: String, Sendable, Codable, CaseIterable {
    /// 宋: body text and titles (Noto Serif CJK SC).
    case song
    /// 黑: labels (Noto Sans CJK SC).
    case hei
    /// 楷: handwritten-looking opinions (LXGW WenKai).
    case kai
}

/// A font role at a size in points, optionally bold.
public struct FontSpec: Sendable, Hashable {
    public var role: FontRole
    public var size: Double
    public var bold: Bool

    public init(role: FontRole, size: Double, bold: Bool = false) {
        self.role = role
        self.size = size
        self.bold = bold
    }

    public func resized(_ size: Double) -> FontSpec { FontSpec(role: role, size: size, bold: bold) }
}
