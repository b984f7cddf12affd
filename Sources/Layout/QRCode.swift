/// A QR code's modules as the encoder made them: `size` × `size`, row by row, true for a dark module.
/// Layout places it and the renderer fills it; the text is encoded before (module QRCodes, libqrencode).
public struct QRMatrix: Sendable, Equatable {
    /// Modules per side (21 for version 1, 4 more per version).
    public let size: Int
    private let dark: [Bool]

    /// Nil unless `dark` holds exactly `size` × `size` modules.
    public init?(size: Int, dark: [Bool]) {
        guard size > 0, dark.count == size * size else { return nil }
        self.size = size
        self.dark = dark
    }

    public subscript(row: Int, column: Int) -> Bool { dark[row * size + column] }
}

/// A QR code placed on a page: the square, quiet zone included, and its modules.
public struct QRItem: Sendable, Equatable {
    /// Light modules on every side that a decoder needs to find the code (ISO/IEC 18004 asks for 4).
    public static let quietZone = 4

    /// The whole square in points, quiet zone included.
    public var rect: Rect
    public var matrix: QRMatrix

    public init(rect: Rect, matrix: QRMatrix) {
        self.rect = rect
        self.matrix = matrix
    }

    /// Side of one module in points.
    public var moduleSize: Double { rect.width / Double(matrix.size + 2 * Self.quietZone) }

    /// The modules' square, inside the quiet zone.
    public var modulesRect: Rect {
        let inset = Double(Self.quietZone) * moduleSize
        return Rect(x: rect.x + inset, y: rect.y + inset, width: rect.width - 2 * inset, height: rect.height - 2 * inset)
    }
}
