/// What a template is filled with: formatted strings only. The Documents layer turns records and
/// the rules' assessment into this; layout never sees a record.
public struct DocumentData: Sendable {
    /// Values for `{field}` placeholders, e.g. `person.name`.
    public var fields: [String: String]
    /// Rows of the repeating tables, by the table's `source`.
    public var tables: [String: [[String: String]]]
    /// Image files by field (a person's photo).
    public var images: [String: String]
    /// Seal images by owner, for stamped documents; a slot without one stays a dashed placeholder.
    public var seals: [SealSlot.Owner: String]
    /// Who the document is for, as error messages name them: "张卫东（320302198001011239）".
    public var subject: String
    public var metadata: DocumentMetadata

    public init(fields: [String: String], tables: [String: [[String: String]]] = [:],
                images: [String: String] = [:], seals: [SealSlot.Owner: String] = [:],
                subject: String, metadata: DocumentMetadata) {
        self.fields = fields
        self.tables = tables
        self.images = images
        self.seals = seals
        self.subject = subject
        self.metadata = metadata
    }
}
