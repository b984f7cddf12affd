import Archive
import Documents
import Foundation
import Layout
import Records
import Render
import Rules

public struct RenderOptions: Sendable {
    public var output: URL
    /// Also write each page as PNG beside its PDF (a preview of the very same display list).
    public var png: Bool
    public var dpi: Double
    /// Written into each PDF's Creator, e.g. "cedocs 0.1.0".
    public var creator: String

    public init(output: URL, png: Bool = false, dpi: Double = 100, creator: String) {
        self.output = output
        self.png = png
        self.dpi = dpi
        self.creator = creator
    }
}

/// Lays out, renders and writes documents on one thread: it owns that thread's Pango context (not
/// thread-safe), so each thread of a batch has its own. A failure is reported, never thrown.
public final class RenderJob {
    let templates: TemplateSet
    let shaping: ShapingContext
    let engine: RulesEngine
    private var composers: [DocumentKind: DocumentComposer] = [:]

    public init(templates: TemplateSet, fonts: FontLibrary, engine: RulesEngine = RulesEngine()) {
        self.templates = templates
        shaping = ShapingContext(library: fonts)
        self.engine = engine
        for kind in DocumentKind.allCases {
            composers[kind] = DocumentComposer(template: templates[kind], measurer: shaping)
        }
    }

    /// Lays out one document.
    public func compose(_ kind: DocumentKind, _ data: DocumentData) throws(LayoutError) -> LaidOutDocument {
        try composers[kind]!.compose(data)
    }

    /// Draws a laid-out document as PDF bytes in memory (the HTTP service answers with them); nil when Cairo fails.
    public func pdf(_ document: LaidOutDocument) -> [UInt8]? {
        shaping.pdf(document)
    }

    /// Streams one print job into `target`: `body` gets a function that adds one person's pages, each
    /// person starting on an odd page so duplex printing never puts two people on one sheet.
    func writePrintJob(to target: URL, metadata: DocumentMetadata,
                       _ body: (_ add: ([Page]) -> Void) -> Void) throws(AtomicFile.WriteError) {
        try writePDF(to: target, metadata: metadata) { writer in
            body { pages in
                if writer.pages % 2 == 1, let size = pages.first?.size { writer.add(Page(size: size)) }
                for page in pages { writer.add(page) }
            }
        }
    }

    /// Streams a PDF into `target`, page by page as `body` adds them; whole or not at all.
    private func writePDF(to target: URL, metadata: DocumentMetadata,
                          _ body: (PDFWriter) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        try AtomicFile.write(to: target) { fd throws(AtomicFile.WriteError) in
            var sinkError: AtomicFile.WriteError?
            let writer = PDFWriter(shaping: shaping, metadata: metadata) { chunk in
                do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(chunk, to: fd, path: target.path) } catch {
                    sinkError = error
                    return false
                }
                return true
            }
            try body(writer)
            guard writer.finish() else {
                throw sinkError ?? AtomicFile.WriteError(path: target.path, reason: "PDF 生成失败")
            }
        }
    }

    /// Lays out, renders and writes a document page by page, keeping none of them: for the unit's
    /// 附件2, hundreds of pages long. Written as `name` (the kind's file name unless given: a stamp
    /// run writes to a temporary name first). The number of pages, or nil when it failed (reported).
    func renderStreamed(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, named name: String? = nil,
                        options: RenderOptions, report: inout RenderReport) -> Int? {
        let target = folder.appendingPathComponent(name ?? kind.fileName)
        var layoutError: LayoutError?
        var previewError: AtomicFile.WriteError?
        var pages = 0
        do throws(AtomicFile.WriteError) {
            try writePDF(to: target, metadata: data.metadata) { writer throws(AtomicFile.WriteError) in
                do throws(LayoutError) {
                    pages = try composers[kind]!.compose(data) { page in
                        writer.add(page)
                        guard options.png, previewError == nil else { return }
                        let png = folder.appendingPathComponent("\(kind.rawValue)-\(writer.pages).png")
                        do throws(AtomicFile.WriteError) {
                            if let image = shaping.png(page, dpi: options.dpi) { try AtomicFile.write(image, to: png) }
                        } catch {
                            previewError = error
                        }
                    }
                } catch {
                    layoutError = error
                    // Nothing is kept of a document that could not be laid out.
                    throw AtomicFile.WriteError(path: target.path, reason: error.description)
                }
                if let previewError { throw previewError }
            }
        } catch {
            report.failures.append(.init(subject: data.subject, document: kind.chineseName,
                                         message: layoutError?.description ?? error.description))
            return nil
        }
        report.written += 1
        report.pages += pages
        return pages
    }

    /// Lays out, renders and writes one document; a failure is reported, not thrown.
    @discardableResult
    func render(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, options: RenderOptions,
                report: inout RenderReport) -> LaidOutDocument? {
        do throws(any Error) {
            let document = try compose(kind, data)
            guard let bytes = shaping.pdf(document) else {
                throw AtomicFile.WriteError(path: folder.path, reason: "PDF 生成失败")
            }
            let target = folder.appendingPathComponent(kind.fileName)
            try AtomicFile.write(bytes, to: target)
            report.written += 1
            report.pages += document.pages.count
            if options.png {
                for (index, page) in document.pages.enumerated() {
                    let png = folder.appendingPathComponent("\(kind.rawValue)-\(index + 1).png")
                    if let image = shaping.png(page, dpi: options.dpi) { try AtomicFile.write(image, to: png) }
                }
            }
            return document
        } catch let error as LayoutError {
            report.failures.append(.init(subject: data.subject, document: kind.chineseName, message: error.description))
        } catch {
            report.failures.append(.init(subject: data.subject, document: kind.chineseName, message: "\(error)"))
        }
        return nil
    }

    /// A photo path is relative to the records file; only a readable PNG is used (Cairo reads PNG),
    /// anything else leaves the frame for a glued-in photo and says so.
    func resolvePhoto(_ data: inout DocumentData, person: Person, recordsFolder: URL, report: inout RenderReport) {
        guard let relative = data.images["person.photo"] else { return }
        let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : recordsFolder.appendingPathComponent(relative)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        if let handle = FileHandle(forReadingAtPath: url.path), Array(handle.readData(ofLength: 4)) == signature {
            data.images["person.photo"] = url.path
        } else {
            data.images["person.photo"] = nil
            report.failures.append(.init(subject: data.subject, document: "证书照片",
                                         message: "照片 \(relative) 不存在或不是 PNG 文件，证书上留出贴照片的位置"))
        }
    }
}
