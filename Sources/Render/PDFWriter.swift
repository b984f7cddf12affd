import CPangoCairo
import Layout

/// Writes pages into one PDF as they come, so a print job of thousands of people never holds all
/// its pages. Bytes go to `sink` as Cairo produces them. Not thread-safe: one writer, one thread.
public final class PDFWriter {
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let drawer: PageDrawer
    private let sinkBox: Unmanaged<SinkBox>
    private var pageCount = 0
    private var finished = false

    /// Receives the PDF's bytes in order.
    public typealias Sink = (UnsafeRawBufferPointer) -> Bool

    public init(shaping: ShapingContext, metadata: DocumentMetadata, sink: @escaping Sink) {
        sinkBox = Unmanaged.passRetained(SinkBox(sink))
        let write: cairo_write_func_t = { closure, data, length in
            let box = Unmanaged<SinkBox>.fromOpaque(closure!).takeUnretainedValue()
            return box.write(UnsafeRawBufferPointer(start: data, count: Int(length)))
                ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }
        // The first page sets its own size before drawing; A4 is only the initial value.
        surface = cairo_pdf_surface_create_for_stream(write, sinkBox.toOpaque(), 595.28, 841.89)
        cr = cairo_create(surface)
        drawer = PageDrawer(shaping: shaping, images: ImageCache())
        PDFWriter.setMetadata(metadata, on: surface)
    }

    deinit {
        if !finished { cairo_surface_finish(surface) }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
        sinkBox.release()
    }

    /// Adds a page; its bookmark (if any) becomes a top-level outline entry.
    public func add(_ page: Page) {
        cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
        pageCount += 1
        if let bookmark = page.bookmark {
            cairo_pdf_surface_add_outline(surface, Int32(CAIRO_PDF_OUTLINE_ROOT), bookmark, "page=\(pageCount)",
                                          cairo_pdf_outline_flags_t(0))
        }
        drawer.draw(page, on: cr)
        cairo_show_page(cr)
    }

    public var pages: Int { pageCount }

    /// Finishes the file (fonts are subset and written here). False when a write failed.
    public func finish() -> Bool {
        finished = true
        cairo_surface_finish(surface)
        return cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && sinkBox.takeUnretainedValue().flush()
    }

    private static func setMetadata(_ metadata: DocumentMetadata, on surface: OpaquePointer) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        // No clock time in the file: the date comes from the data, or there is none.
        if let date = metadata.date {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
        } else {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, nil)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, nil)
        }
    }
}

/// Cairo hands its output over in pieces of a few bytes; they are gathered here and passed on in
/// large blocks, so a print job of thousands of pages costs a few thousand writes, not millions.
private final class SinkBox {
    private let sink: PDFWriter.Sink
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init(_ sink: @escaping PDFWriter.Sink) {
        self.sink = sink
        buffer.reserveCapacity(Self.blockSize)
    }

    func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        buffer.append(contentsOf: chunk)
        return buffer.count < Self.blockSize || flush()
    }

    /// Passes on what is gathered; false when the sink failed.
    func flush() -> Bool {
        guard !buffer.isEmpty else { return true }
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer.withUnsafeBytes { sink($0) }
    }
}

extension ShapingContext {
    /// A whole document as PDF bytes.
    public func pdf(_ document: LaidOutDocument) -> [UInt8]? {
        var bytes: [UInt8] = []
        let writer = PDFWriter(shaping: self, metadata: document.metadata) { chunk in
            bytes.append(contentsOf: chunk)
            return true
        }
        for page in document.pages { writer.add(page) }
        return writer.finish() ? bytes : nil
    }

    /// A page as PNG bytes at `dpi`, drawn from the same display list as the PDF.
    public func png(_ page: Page, dpi: Double) -> [UInt8]? {
        let scale = dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cInt((page.size.width * scale).rounded()),
                                                 cInt((page.size.height * scale).rounded()))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        PageDrawer(shaping: self, images: ImageCache()).draw(page, on: cr)
        cairo_surface_flush(surface)
        var bytes: [UInt8] = []
        let box = Unmanaged.passRetained(SinkBox { chunk in bytes.append(contentsOf: chunk); return true })
        defer { box.release() }
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<SinkBox>.fromOpaque(closure!).takeUnretainedValue()
            return sink.write(UnsafeRawBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }, box.toOpaque())
        return status == CAIRO_STATUS_SUCCESS && box.takeUnretainedValue().flush() ? bytes : nil
    }
}
