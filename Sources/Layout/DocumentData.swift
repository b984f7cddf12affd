/// What a template is filled with: formatted strings only. The Documents layer turns records and
/// the rules' assessment into this; layout never sees a record.
public struct DocumentData: Sendable {
    /// Values for `{field}` placeholders, e.g. `person.name`.
    public var fields: [String: String]
    /// Rows of the repeating tables, by the table's `source`.
    public var tables: [String: TableRows]
    /// Image files by field (a person's photo).
    public var images: [String: String]
    /// Seal images by owner, for stamped documents; a slot without one stays a dashed placeholder.
    public var seals: [SealSlot.Owner: SealImage]
    /// QR codes by the name a template's `qr` block gives (`verification`), already encoded.
    public var codes: [String: QRMatrix]
    /// Who the document is for, as error messages name them: "张卫东（320302198001011239）".
    public var subject: String
    public var metadata: DocumentMetadata

    public init(fields: [String: String], tables: [String: TableRows] = [:],
                images: [String: String] = [:], seals: [SealSlot.Owner: SealImage] = [:],
                codes: [String: QRMatrix] = [:], subject: String, metadata: DocumentMetadata) {
        self.fields = fields
        self.tables = tables
        self.images = images
        self.seals = seals
        self.codes = codes
        self.subject = subject
        self.metadata = metadata
    }
}

/// An agency's own seal scan (PNG with transparency) and the size it prints at: a real seal has one
/// diameter (42 mm for most, at most 45), which replaces the template's placeholder size.
public struct SealImage: Sendable, Equatable {
    /// PNG file path.
    public var path: String
    /// mm
    public var diameter: Double

    public init(path: String, diameter: Double) {
        self.path = path
        self.diameter = diameter
    }
}
