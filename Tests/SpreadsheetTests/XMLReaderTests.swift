import Foundation
@testable import Spreadsheet
import Testing

/// The SAX push parser under the import: what it hands over, whatever pieces the bytes arrive in.
@Suite struct XMLReaderTests {
    /// Every event as text, and the attributes of each element as it opened.
    private func events(_ xml: String, pieces size: Int) -> (Bool, [String]) {
        var seen: [String] = []
        let bytes = Array(xml.utf8)
        let parsed = XMLReader.read({ (feed) throws(Never) in
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                bytes[start..<end].withUnsafeBytes(feed)
                start = end
            }
        }) { event, reader in
            switch event {
            case .start(let name):
                let attributes = reader.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                seen.append("+\(name) \(attributes.joined(separator: " "))")
            case .text(let text): seen.append("=" + text)
            case .end(let name): seen.append("-\(name)")
            }
        }
        // Text arrives in pieces as the parser meets them: joined, as every caller joins it.
        var joined: [String] = []
        for item in seen {
            if item.hasPrefix("="), let last = joined.last, last.hasPrefix("=") {
                joined[joined.count - 1] += item.dropFirst()
            } else {
                joined.append(item)
            }
        }
        return (parsed, joined)
    }

    @Test(arguments: [1, 2, 7, 4096])
    func sameEventsWhateverThePieces(size: Int) {
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><x:sheet xmlns:x="urn:s" xmlns:r="urn:r" name="甲&amp;乙" r:id="rId1"><x:v>中&lt;文&#x4E2D;<![CDATA[<b>]]></x:v><v/></x:sheet>"#
        let (parsed, events) = events(xml, pieces: size)
        #expect(parsed)
        #expect(events == ["+sheet name=甲&乙 r:id=rId1", "+v ", "=中<文中<b>", "-v", "+v ", "-v", "-sheet"])
    }

    @Test func oneAttributeByItsNameAsWritten() {
        var found: [String?] = []
        let parsed = XMLReader.read(Data(#"<c r="B12" t="s" x:t="n" xmlns:x="urn:x"/>"#.utf8)) { event, reader in
            if case .start = event { found = [reader.attribute("r"), reader.attribute("t"), reader.attribute("x:t"), reader.attribute("s")] }
        }
        #expect(parsed)
        #expect(found == ["B12", "s", "n", nil])
    }

    @Test(arguments: ["<a><b></a>", "<a>", "", "<a>&undeclared;</a>", "<a/><b/>"])
    func notWellFormedIsRefused(xml: String) {
        #expect(!XMLReader.read(Data(xml.utf8)) { _, _ in })
    }

    /// The billion laughs: entities declared in a DTD are never recorded, so none is expanded.
    @Test func declaredEntitiesAreNotExpanded() {
        let xml = #"<!DOCTYPE a [<!ENTITY l "ha"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]><a>&l2;</a>"#
        var text = ""
        let parsed = XMLReader.read(Data(xml.utf8)) { event, _ in
            if case .text(let piece) = event { text += piece }
        }
        #expect(!text.contains("ha"))
        #expect(!parsed)
    }
}
