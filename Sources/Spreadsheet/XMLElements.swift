import Foundation

/// The attributes of every element of one name in an XML part (`sheet` of the workbook,
/// `Relationship` of a rels part): the small parts of a workbook need no more than that.
enum XMLElements {
    /// Nil when the part is not well-formed XML.
    static func attributes(of name: String, in data: Data) -> [[String: String]]? {
        var found: [[String: String]] = []
        let parsed = XMLReader.read(data) { event, reader in
            // Matched by local name: a prefix (`x:sheet`) is allowed, as some writers qualify SpreadsheetML's elements.
            if case .start(name) = event { found.append(reader.attributes) }
        }
        return parsed ? found : nil
    }
}
