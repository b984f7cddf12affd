import CLibXML2
import Foundation

/// One XML part of a workbook read with libxml2's streaming reader (xmlTextReader): elements and text
/// handed over in document order, a node at a time, nothing of the tree kept. Element names are local
/// (`x:c` → `c`: some writers qualify SpreadsheetML's elements), attribute names as written (`r:id`).
/// No network and no external DTD; entities as libxml2 limits them.
final class XMLReader {
    enum Event {
        /// An element opens; its attributes are read from the reader while this event is handled.
        case start(String)
        /// Characters of the content, in pieces as the parser meets them (text, CDATA, blanks).
        case text(String)
        /// An element closes, also one written empty (`<v/>`).
        case end(String)
    }

    private let reader: xmlTextReaderPtr

    /// libxml2's globals, set up once before any reader: the service imports workbooks on several threads.
    private static let parserReady: Void = xmlInitParser()

    private init(_ reader: xmlTextReaderPtr) { self.reader = reader }

    /// Reads the whole part; false when it is not well-formed XML.
    static func read(_ data: Data, _ handle: (Event, XMLReader) -> Void) -> Bool {
        _ = parserReady
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
            // An empty part has no root element: libxml2 would be handed a null buffer.
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                  let pointer = xmlReaderForMemory(base, Int32(clamping: buffer.count), nil, nil, options) else { return false }
            defer { xmlFreeTextReader(pointer) }
            // The reader's messages would go to stderr: a damaged part is reported by the import, in Chinese.
            xmlTextReaderSetErrorHandler(pointer, { _, _, _, _ in }, nil)
            let reader = XMLReader(pointer)
            while true {
                switch xmlTextReaderRead(pointer) {
                case 1: reader.handleNode(handle)
                case 0: return true
                default: return false
                }
            }
        }
    }

    private func handleNode(_ handle: (Event, XMLReader) -> Void) {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let name = Self.string(xmlTextReaderConstLocalName(reader))
            handle(.start(name), self)
            if xmlTextReaderIsEmptyElement(reader) == 1 { handle(.end(name), self) }
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            handle(.end(Self.string(xmlTextReaderConstLocalName(reader))), self)
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            handle(.text(Self.string(xmlTextReaderConstValue(reader))), self)
        default:
            break
        }
    }

    /// An attribute of the element just opened, by its name as written.
    func attribute(_ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return Self.string(xmlTextReaderConstValue(reader))
    }

    /// All the attributes of the element just opened, by name as written.
    var attributes: [String: String] {
        var found: [String: String] = [:]
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            found[Self.string(xmlTextReaderConstName(reader))] = Self.string(xmlTextReaderConstValue(reader))
        }
        xmlTextReaderMoveToElement(reader)
        return found
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }
}
