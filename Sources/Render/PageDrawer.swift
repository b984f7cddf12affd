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

    /// The code as a black-and-white image, scaled without smoothing: Cairo writes it as a one-bit image
    /// of some 400 bytes. Its dark runs as rectangles were some 2,400 numbers that Cairo records, replays
    /// and prints one by one: 14% of the CPU of a stamp run, for the same look.
    private func fill(_ code: QRItem, on cr: OpaquePointer) {
        // Pixels a module. With one, a page shown at 96–150 dpi enlarges each module to 3 or 4 pixels
        // unevenly and zbar no longer decodes it; with four, the viewer shrinks the image and averages its
        // edges as it does a vector's, and decodes from 96 dpi up, as the rectangles did.
        let k = 4
        let size = code.matrix.size * k
        let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(size), Int32(size))
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let pixels = cairo_image_surface_get_data(image) else { return }
        let stride = Int(cairo_image_surface_get_stride(image))
        // Each row of modules is drawn once, on the first line of its band, then copied to the others.
        for row in 0..<code.matrix.size {
            let first = pixels + row * k * stride
            let line = UnsafeMutableRawPointer(first).assumingMemoryBound(to: UInt32.self)
            for column in 0..<code.matrix.size {
                let colour: UInt32 = code.matrix[row, column] ? 0x000000 : 0xFFFFFF
                for pixel in column * k..<(column + 1) * k { line[pixel] = colour }
            }
            for copy in 1..<k { memcpy(first + copy * stride, first, size * 4) }
        }
        cairo_surface_mark_dirty(image)
        let square = code.modulesRect
        cairo_save(cr)
        cairo_translate(cr, square.x, square.y)
        cairo_scale(cr, square.width / Double(size), square.height / Double(size))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(size), Double(size))
        cairo_fill(cr)
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
