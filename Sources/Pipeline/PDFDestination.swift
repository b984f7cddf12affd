import Archiving
import Documents
import Foundation
import Layout
import Render

/// Where a produced document's PDF goes.
public enum PDFDestination: Sendable {
    /// A file at this path, whole or not at all (written under a temporary name, then renamed).
    case file(URL)
    /// Memory: the service answers with the bytes.
    case memory
}

/// PNG previews of a document's pages, `<kind>-<n>.png` in `folder`, drawn from the same display
/// list as its PDF.
public struct PagePreviews: Sendable {
    public var folder: URL
    public var dpi: Double

    public init(folder: URL, dpi: Double) {
        self.folder = folder
        self.dpi = dpi
    }

    func write(_ page: Page, number: Int, kind: DocumentKind, shaping: ShapingContext) throws(AtomicFile.WriteError) {
        let url = folder.appendingPathComponent("\(kind.rawValue)-\(number).png")
        guard let image = shaping.png(page, dpi: dpi) else { throw AtomicFile.WriteError(path: url.path, reason: "PNG 生成失败") }
        try AtomicFile.write(image, to: url)
    }
}

/// A document made: its number of pages and its PDF's size and SHA-256 as written.
public struct ProducedDocument: Sendable {
    public var pages: Int
    public var measure: FileDigest.Measure
    /// The PDF, when it went to memory.
    public var bytes: [UInt8]
    /// The laid-out pages, when they were asked for (a person's 附件1 goes into the print job too).
    public var laidOut: [Page]
}

/// Why a document was not made.
public enum ProduceError: Error, CustomStringConvertible {
    /// The data does not fit its template (text too long, a character no font has): the records' to fix.
    case layout(LayoutError)
    /// Cairo, or the file system (a full disk), failed.
    case output(AtomicFile.WriteError)

    public var description: String {
        switch self {
        case .layout(let error): error.description
        case .output(let error): error.description
        }
    }
}
