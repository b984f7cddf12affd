/// A line of text as the shaper broke it, with its advance width in points.
public struct MeasuredLine: Sendable, Equatable {
    public var text: String
    public var width: Double
    public init(text: String, width: Double) { self.text = text; self.width = width }
}

/// What layout needs to know about text, answered by the renderer's shaper (Pango).
/// Layout decides with it; it never draws.
public protocol TextMeasurer {
    /// The text broken into lines no wider than `width` points at `font` (UAX #14 break points,
    /// breaking inside unbreakable runs rather than overflowing). Explicit newlines start new lines.
    func breakLines(_ text: String, font: FontSpec, width: Double) -> [MeasuredLine]
    /// The advance width of `text` set on one line.
    func width(of text: String, font: FontSpec) -> Double
    /// The characters that no configured font can draw (each one would print as a box).
    func missingCharacters(in text: String) -> [Unicode.Scalar]
}
