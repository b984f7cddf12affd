import CPangoCairo
import Layout

/// Draws a laid-out page onto any Cairo context, as it is: no decision is taken here.
struct PageDrawer {
    let shaping: ShapingContext
    /// Resolves an image path to a loaded surface (cached by the caller).
    let images: ImageCache

    func draw(_ page: Page, on cr: OpaquePointer) {
        var text = GlyphBatch()
        // Ruled lines of one width and dash go into one path, stroked once: a form's hundred rules
        // become one drawing operation instead of a hundred (Cairo's PDF backend pays per operation).
        var rules: RuleLine?
        func strokeRules() {
            guard let style = rules else { return }
            cairo_set_source_rgb(cr, 0, 0, 0)
            cairo_set_line_width(cr, style.width)
            setDash(style.dash, on: cr)
            cairo_stroke(cr)
            rules = nil
        }
        for item in page.items {
            if case .text(let item) = item {
                strokeRules()
                add(item, to: &text)
                continue
            }
            // What comes next is drawn over the text so far (a seal multiplies the ink under it).
            if !text.isEmpty { text.show(on: cr) }
            if case .line(let line) = item {
                if let style = rules, style.width != line.width || style.dash != line.dash { strokeRules() }
                if rules == nil { rules = line }
                cairo_move_to(cr, line.from.x, line.from.y)
                cairo_line_to(cr, line.to.x, line.to.y)
                continue
            }
            strokeRules()
            switch item {
            case .line, .text: break
            case .rect(let frame): stroke(frame, on: cr)
            case .image(let image): paint(image, on: cr)
            case .sealSlot(let slot): drawSeal(slot, on: cr)
            case .qr(let code): fill(code, on: cr)
            }
        }
        strokeRules()
        text.show(on: cr)
    }

    private func add(_ item: TextItem, to batch: inout GlyphBatch, gray: Double = 0) {
        let line = shaping.line(item.text, font: item.font)
        batch.add(line.runs, at: (item.origin.x, item.origin.y), gray: gray)
    }

    private func stroke(_ frame: FrameRect, on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, frame.lineWidth)
        setDash(frame.dash, on: cr)
        cairo_rectangle(cr, frame.rect.x, frame.rect.y, frame.rect.width, frame.rect.height)
        cairo_stroke(cr)
    }

    private func setDash(_ dash: [Double], on cr: OpaquePointer) {
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }


    private func paint(_ image: ImageItem, on cr: OpaquePointer) {
        guard let surface = images.surface(for: image.path) else { return }
        place(surface, in: image.rect, on: cr, operator: CAIRO_OPERATOR_OVER)
    }

    /// A seal image where the agency supplied one, multiplied so the text under it stays legible as
    /// under red ink; otherwise the dashed placeholder circle with its label.
    private func drawSeal(_ slot: SealSlot, on cr: OpaquePointer) {
        if let path = slot.imagePath, let surface = images.surface(for: path) {
            place(surface, in: slot.bounds, on: cr, operator: CAIRO_OPERATOR_MULTIPLY)
            return
        }
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45)
        cairo_set_line_width(cr, 0.6)
        setDash([3, 2], on: cr)
        cairo_new_sub_path(cr)
        cairo_arc(cr, slot.center.x, slot.center.y, slot.diameter / 2, 0, 2 * Double.pi)
        cairo_stroke(cr)
        setDash([], on: cr)
        var label = GlyphBatch()
        add(slot.label, to: &label, gray: 0.45)
        label.show(on: cr)
    }

    /// The code as a one-bit stencil (an A1 mask filled black), two pixels a module, scaled without
    /// smoothing: Cairo writes it as a PDF image mask of some 500 bytes and passes its bits through as
    /// they are. The RGB image of four pixels a module it replaces cost Cairo 0.23 ms a sheet to analyse
    /// and convert (27,000 pixels); its dark runs as rectangles, before that, were some 2,400 numbers that
    /// Cairo recorded, replayed and printed one by one (14% of a stamp run's CPU). Two pixels a module,
    /// not one: Poppler's Cairo backend smooths a mask enlarged more than four times, and a sheet shown
    /// at 96 dpi then no longer decodes (zbarimg); with two it decodes from 96 dpi up in both of
    /// Poppler's renderers, as the RGB image did.
    private func fill(_ code: QRItem, on cr: OpaquePointer) {
        let k = 2
        let size = code.matrix.size * k
        let mask = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(size), Int32(size))
        defer { cairo_surface_destroy(mask) }
        guard cairo_surface_status(mask) == CAIRO_STATUS_SUCCESS, let pixels = cairo_image_surface_get_data(mask) else { return }
        let stride = Int(cairo_image_surface_get_stride(mask))
        // A1 packs 32 pixels into each native-endian word, the first one in the lowest bit on a
        // little-endian machine and in the highest on a big-endian one.
        func bit(_ x: Int) -> UInt32 {
            #if _endian(little)
            return 1 << UInt32(x % 32)
            #else
            return 0x8000_0000 >> UInt32(x % 32)
            #endif
        }
        // Each row of modules is drawn once, on the first line of its band, then copied to the others.
        for row in 0..<code.matrix.size {
            let first = pixels + row * k * stride
            let line = UnsafeMutableRawPointer(first).assumingMemoryBound(to: UInt32.self)
            for column in 0..<code.matrix.size where code.matrix[row, column] {
                for x in column * k..<(column + 1) * k { line[x / 32] |= bit(x) }
            }
            for copy in 1..<k { memcpy(first + copy * stride, first, stride) }
        }
        cairo_surface_mark_dirty(mask)
        let square = code.modulesRect
        cairo_save(cr)
        cairo_translate(cr, square.x, square.y)
        cairo_scale(cr, square.width / Double(size), square.height / Double(size))
        cairo_set_source_rgb(cr, 0, 0, 0)
        let pattern = cairo_pattern_create_for_surface(mask)
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_mask(cr, pattern)
        cairo_restore(cr)
    }

    /// Scales the image into `rect`, keeping its aspect ratio, centred.
    private func place(_ surface: OpaquePointer, in rect: Rect, on cr: OpaquePointer, operator op: cairo_operator_t) {
        let w = Double(cairo_image_surface_get_width(surface))
        let h = Double(cairo_image_surface_get_height(surface))
        guard w > 0, h > 0 else { return }
        let scale = min(rect.width / w, rect.height / h)
        cairo_save(cr)
        cairo_translate(cr, rect.midX - w * scale / 2, rect.midY - h * scale / 2)
        cairo_scale(cr, scale, scale)
        cairo_set_operator(cr, op)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}

/// PNG images loaded once per render and freed with it.
final class ImageCache {
    private var surfaces: [String: OpaquePointer?] = [:]

    func surface(for path: String) -> OpaquePointer? {
        if let cached = surfaces[path] { return cached }
        var surface: OpaquePointer? = cairo_image_surface_create_from_png(path)
        if let s = surface, cairo_surface_status(s) != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(s)
            surface = nil
        }
        surfaces[path] = surface
        return surface
    }

    deinit {
        for case let surface? in surfaces.values { cairo_surface_destroy(surface) }
    }
}
