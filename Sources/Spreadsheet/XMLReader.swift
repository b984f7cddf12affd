import CLibXML2
import Foundation

/// One XML part of a workbook read with libxml2's SAX2 push parser: the bytes go in as they are
/// inflated from the ZIP, elements and text come out in document order, and neither the part nor a
/// tree of it is ever held (a sheet of 60,000 rows is some 40 MB of XML). Element names are local
/// (`x:c` → `c`: some writers qualify SpreadsheetML's elements), attribute names as written (`r:id`).
///
/// No network, no DTD: entity declarations are not recorded (no `entityDecl` handler), so only XML's
/// five predefined entities and character references are ever expanded — a part that refers to any
/// other entity is not well-formed, and an entity bomb has nothing to expand.
final class XMLReader {
    enum Event {
        /// An element opens; its attributes are read from the reader while this event is handled.
        case start(String)
        /// Characters of the content, in pieces as the parser meets them (text, CDATA, blanks).
        case text(String)
        /// An element closes, also one written empty (`<v/>`).
        case end(String)
    }

    private let handle: (Event, XMLReader) -> Void
    /// The element just opened: libxml2's (localname, prefix, URI, value, end) quintuples.
    private var attributeCount = 0
    private var attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    private init(_ handle: @escaping (Event, XMLReader) -> Void) { self.handle = handle }

    /// libxml2's globals, set up once before any parser: the service imports workbooks on several threads.
    private static let parserReady: Void = xmlInitParser()

    /// Reads a part whose bytes `source` hands to `feed` in pieces, in order. False when the part is not
    /// well-formed XML (pieces fed after the first fault are ignored).
    static func read<Failure: Error>(_ source: (_ feed: (UnsafeRawBufferPointer) -> Void) throws(Failure) -> Void,
                                     _ handle: (Event, XMLReader) -> Void) throws(Failure) -> Bool {
        _ = parserReady
        return try withoutActuallyEscaping(handle, do: { (handle) throws(Failure) -> Bool in
            let reader = XMLReader(handle)
            var sax = Self.handlers()
            let context = Unmanaged.passUnretained(reader).toOpaque()
            guard let parser = xmlCreatePushParserCtxt(&sax, context, nil, 0, nil) else { return false }
            defer { xmlFreeParserCtxt(parser) }
            // NOENT: the predefined entities in attribute values arrive expanded (`&amp;` → `&`), not as `&#38;`.
            xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOENT.rawValue
                                            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            var failed = false
            try source { piece in
                guard !failed, let base = piece.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
                var offset = 0
                while offset < piece.count, !failed {
                    let length = min(piece.count - offset, Int(Int32.max))
                    failed = xmlParseChunk(parser, base + offset, Int32(length), 0) != 0
                    offset += length
                }
            }
            if !failed { failed = xmlParseChunk(parser, nil, 0, 1) != 0 }
            return !failed && parser.pointee.wellFormed == 1
        })
    }

    /// Reads a whole part held in memory.
    static func read(_ data: Data, _ handle: (Event, XMLReader) -> Void) -> Bool {
        read({ (feed) throws(Never) in data.withUnsafeBytes(feed) }, handle)
    }

    /// An attribute of the element just opened, by its name as written.
    func attribute(_ name: String) -> String? {
        var found: String?
        forEachAttribute { attributeName, value in
            if found == nil, attributeName == name { found = value }
        }
        return found
    }

    /// All the attributes of the element just opened, by name as written.
    var attributes: [String: String] {
        var found: [String: String] = [:]
        forEachAttribute { found[$0] = $1 }
        return found
    }

    private func forEachAttribute(_ body: (String, String) -> Void) {
        guard let fields = attributeFields else { return }
        for index in 0..<attributeCount {
            let field = fields + 5 * index
            guard let local = field[0], let value = field[3], let end = field[4] else { continue }
            let name = field[1].map { Self.string($0) + ":" + Self.string(local) } ?? Self.string(local)
            body(name, String(decoding: UnsafeBufferPointer(start: value, count: end - value), as: UTF8.self))
        }
    }

    private static func string(_ text: UnsafePointer<xmlChar>) -> String { String(cString: text) }

    private static func reader(_ context: UnsafeMutableRawPointer?) -> XMLReader {
        Unmanaged<XMLReader>.fromOpaque(context!).takeUnretainedValue()
    }

    private static func characters(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let text, length > 0 else { return }
        let reader = reader(context)
        reader.handle(.text(String(decoding: UnsafeBufferPointer(start: text, count: Int(length)), as: UTF8.self)), reader)
    }

    /// Elements and characters only; everything else (DTD, entities, comments, processing
    /// instructions) has no handler and so is skipped. Errors are reported by the import, in Chinese.
    private static func handlers() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, local, _, _, _, _, count, _, fields in
            guard let local else { return }
            let reader = XMLReader.reader(context)
            reader.attributeCount = Int(count)
            reader.attributeFields = fields
            reader.handle(.start(XMLReader.string(local)), reader)
            reader.attributeCount = 0
            reader.attributeFields = nil
        }
        sax.endElementNs = { context, local, _, _ in
            guard let local else { return }
            let reader = XMLReader.reader(context)
            reader.handle(.end(XMLReader.string(local)), reader)
        }
        sax.characters = { XMLReader.characters($0, $1, $2) }
        sax.ignorableWhitespace = { XMLReader.characters($0, $1, $2) }
        sax.cdataBlock = { XMLReader.characters($0, $1, $2) }
        sax.serror = { _, _ in }
        return sax
    }
}
