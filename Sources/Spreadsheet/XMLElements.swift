import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The attributes of every element of one name in an XML part (`sheet` of the workbook,
/// `Relationship` of a rels part): the small parts of a workbook need no more than that.
enum XMLElements {
    static func attributes(of name: String, in data: Data) -> [[String: String]]? {
        let collector = Collector(name: name)
        // From a stream: given the data whole, Foundation hands libxml2 a single chunk, which fails past 10 MB.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        return parser.parse() ? collector.found : nil
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let name: String
        var found: [[String: String]] = []

        init(name: String) { self.name = name }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            // A prefix (`x:sheet`) is allowed: some writers qualify SpreadsheetML's elements.
            if elementName == name || elementName.hasSuffix(":" + name) { found.append(attributeDict) }
        }
    }
}

/// Element names without a namespace prefix: `x:c` → `c`.
func localName(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}
