import Archiving
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

/// Lays out and draws documents on one thread: it owns that thread's Pango context (not thread-safe),
/// so each thread of a batch, and each thread of the service's pool, has its own.
///
/// Every document cedocs makes takes one path (`produce`): its data laid out a page at a time, each
/// page drawn into the PDF as it comes (and as a PNG preview when asked), the bytes going to a file
/// (whole or not at all) or to memory, their SHA-256 taken as they pass.
public final class DocumentRenderer {
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

    /// Lays out one document without drawing it (a person's 附件1 for the print job alone).
    public func compose(_ kind: DocumentKind, _ data: DocumentData) throws(LayoutError) -> LaidOutDocument {
        try composers[kind]!.compose(data)
    }

    /// Lays out, draws and writes one document to `destination`; with `previews`, each page also as
    /// PNG; with `keepingPages`, the laid-out pages are returned too. Nothing is left at a file
    /// destination unless the whole document is there.
    public func produce(_ kind: DocumentKind, _ data: DocumentData, to destination: PDFDestination,
                        previews: PagePreviews? = nil, keepingPages: Bool = false) throws(ProduceError) -> ProducedDocument {
        var pages = 0
        var kept: [Page] = []
        let composer = composers[kind]!
        let output = try writePDF(to: destination, metadata: data.metadata) { writer throws(ProduceError) in
            var previewError: AtomicFile.WriteError?
            do throws(LayoutError) {
                pages = try composer.compose(data) { page in
                    writer.add(page)
                    if keepingPages { kept.append(page) }
                    guard let previews, previewError == nil else { return }
                    do throws(AtomicFile.WriteError) { try previews.write(page, number: writer.pages, kind: kind, shaping: shaping) } catch {
                        previewError = error
                    }
                }
            } catch {
                throw .layout(error)
            }
            if let previewError { throw .output(previewError) }
        }
        return ProducedDocument(pages: pages, measure: output.measure, bytes: output.bytes, laidOut: kept)
    }

    /// `produce` into `folder` as the kind's file (or `name`, a temporary name a stamp run renames
    /// later), with previews when `options` ask; a failure is reported, not thrown.
    func write(_ kind: DocumentKind, _ data: DocumentData, into folder: URL, named name: String? = nil,
               options: RenderOptions, keepingPages: Bool = false, report: inout RenderReport) -> ProducedDocument? {
        do throws(ProduceError) {
            let file = name.map { folder.appendingPathComponent($0, isDirectory: false) } ?? kind.file(in: folder)
            let produced = try produce(kind, data, to: .file(file),
                                       previews: options.png ? PagePreviews(folder: folder, dpi: options.dpi) : nil,
                                       keepingPages: keepingPages)
            report.written += 1
            report.pages += produced.pages
            return produced
        } catch {
            let full = if case .output(let failed) = error { failed.storageFull } else { false }
            report.failures.append(.init(subject: data.subject, document: kind.chineseName, message: error.description,
                                         storageFull: full))
            return nil
        }
    }

    /// Streams one print job to `destination`: `body` gets a function that adds one person's pages, each
    /// person starting on an odd page so duplex printing never puts two people on one sheet.
    func producePrintJob(to destination: PDFDestination, metadata: DocumentMetadata,
                         _ body: (_ add: ([Page]) -> Void) -> Void) throws(ProduceError) -> ProducedDocument {
        var pages = 0
        let output = try writePDF(to: destination, metadata: metadata) { writer in
            body { people in
                if writer.pages % 2 == 1, let size = people.first?.size { writer.add(Page(size: size)) }
                for page in people { writer.add(page) }
            }
            pages = writer.pages
        }
        return ProducedDocument(pages: pages, measure: output.measure, bytes: output.bytes, laidOut: [])
    }

    /// The one place a PDF is written: pages drawn by `body`, the bytes to `destination`, measured as
    /// they pass. At a file destination, a failure (of layout too) leaves nothing behind.
    private func writePDF(to destination: PDFDestination, metadata: DocumentMetadata,
                          _ body: (PDFWriter) throws(ProduceError) -> Void) throws(ProduceError)
        -> (measure: FileDigest.Measure, bytes: [UInt8]) {
        var digest = FileDigest.Running()
        switch destination {
        case .memory:
            var bytes: [UInt8] = []
            let writer = PDFWriter(shaping: shaping, metadata: metadata) { chunk in
                digest.update(chunk)
                bytes.append(contentsOf: chunk)
                return true
            }
            try body(writer)
            guard writer.finish() else { throw .output(AtomicFile.WriteError(path: "（内存）", reason: "PDF 生成失败")) }
            return (digest.finish(), bytes)
        case .file(let target):
            var failure: ProduceError?
            do throws(AtomicFile.WriteError) {
                try AtomicFile.write(to: target) { fd throws(AtomicFile.WriteError) in
                    var sinkError: AtomicFile.WriteError?
                    let writer = PDFWriter(shaping: shaping, metadata: metadata) { chunk in
                        digest.update(chunk)
                        do throws(AtomicFile.WriteError) { try AtomicFile.writeAll(chunk, to: fd, path: target.path) } catch {
                            sinkError = error
                            return false
                        }
                        return true
                    }
                    do throws(ProduceError) { try body(writer) } catch {
                        failure = error
                        // Aborts the file: nothing is kept of a document that could not be made.
                        throw AtomicFile.WriteError(path: target.path, reason: error.description)
                    }
                    guard writer.finish() else {
                        throw sinkError ?? AtomicFile.WriteError(path: target.path, reason: "PDF 生成失败")
                    }
                }
            } catch {
                throw failure ?? .output(error)
            }
            return (digest.finish(), [])
        }
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
