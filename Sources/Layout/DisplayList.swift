/// The display list: what a page holds, fully decided. The renderer draws it as it is, so a PNG
/// preview and the PDF are the same page.
public struct LaidOutDocument: Sendable {
    public var pages: [Page]
    public var metadata: DocumentMetadata

    public init(pages: [Page], metadata: DocumentMetadata) {
        self.pages = pages
        self.metadata = metadata
    }
}

/// PDF metadata. Dates come from the data, never the clock, so the same input gives the same bytes.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    public var creator: String
    /// The document's date from the data (e.g. the audit date), or nil to write none.
    public var date: String?

    public init(title: String, author: String, subject: String = "", keywords: String = "",
                creator: String = "", date: String? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.date = date
    }
}

public struct Page: Sendable {
    public var size: Size
    public var items: [DisplayItem]
    /// An outline entry starting at this page (one per person in a print job).
    public var bookmark: String?

    public init(size: Size, items: [DisplayItem] = [], bookmark: String? = nil) {
        self.size = size
        self.items = items
        self.bookmark = bookmark
    }
}

public enum DisplayItem: Sendable {
    case text(TextItem)
    case line(RuleLine)
    case sealSlot(SealSlot)
    case image(ImageItem)
    case rect(FrameRect)
    case qr(QRItem)
}

/// One line of text placed at its baseline.
public struct TextItem: Sendable, Equatable {
    public var text: String
    public var font: FontSpec
    /// Left end of the baseline, in points from the page's top-left corner.
    public var origin: Point
    /// Advance width as measured during layout.
    public var width: Double

    public init(text: String, font: FontSpec, origin: Point, width: Double) {
        self.text = text
        self.font = font
        self.origin = origin
        self.width = width
    }
}

/// A ruled line of a grid or a date line.
public struct RuleLine: Sendable, Equatable {
    public var from: Point
    public var to: Point
    public var width: Double
    /// Dash pattern in points; empty for a solid line.
    public var dash: [Double]

    public init(from: Point, to: Point, width: Double, dash: [Double] = []) {
        self.from = from
        self.to = to
        self.width = width
        self.dash = dash
    }
}

/// An empty frame (photo frame, box outline).
public struct FrameRect: Sendable, Equatable {
    public var rect: Rect
    public var lineWidth: Double
    public var dash: [Double]

    public init(rect: Rect, lineWidth: Double, dash: [Double] = []) {
        self.rect = rect
        self.lineWidth = lineWidth
        self.dash = dash
    }
}

/// A raster image (a photo) scaled into a rectangle.
public struct ImageItem: Sendable, Equatable {
    public var rect: Rect
    /// PNG file path.
    public var path: String

    public init(rect: Rect, path: String) {
        self.rect = rect
        self.path = path
    }
}

/// A seal (公章) slot: where a unit or an agency stamps. Without an image it prints as a dashed
/// circle with its label; with the agency's own seal image, the image takes its place.
public struct SealSlot: Sendable, Equatable {
    public enum Owner: String, Sendable, Codable {
        /// 单位 (the employer unit's seal, applied by hand).
        case unit
        /// 审验机构 (the audit agency's seal).
        case agency
    }

    public var owner: Owner
    public var center: Point
    public var diameter: Double
    /// The placeholder label, e.g. "（公章）", already placed.
    public var label: TextItem
    /// The seal image (PNG with transparency) when an agency stamps.
    public var imagePath: String?

    public init(owner: Owner, center: Point, diameter: Double, label: TextItem, imagePath: String? = nil) {
        self.owner = owner
        self.center = center
        self.diameter = diameter
        self.label = label
        self.imagePath = imagePath
    }

    public var bounds: Rect {
        Rect(x: center.x - diameter / 2, y: center.y - diameter / 2, width: diameter, height: diameter)
    }
}
