import CPangoCairo
import Layout

/// Pango's font map, context and a reusable layout, owned by one thread: Pango 1.50 corrupts memory
/// when threads share a font map. Measures text for layout and shapes it for drawing with the same
/// settings, so what layout measured is what gets drawn.
public final class ShapingContext: TextMeasurer {
    let library: FontLibrary
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    /// Reused for every shaping.
    let layout: OpaquePointer
    private var descriptions: [FontSpec: OpaquePointer] = [:]
    private let cache = ShapingCache()

    public init(library: FontLibrary) {
        self.library = library
        fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)!
        pango_fc_font_map_set_config(OpaquePointer(fontMap), library.config)
        // 72 dpi: one device unit is one point, Cairo's PDF unit.
        pango_cairo_font_map_set_resolution(OpaquePointer(fontMap), 72)
        context = pango_font_map_create_context(fontMap)
        pango_context_set_language(context, pango_language_from_string("zh-cn"))
        // No hinting and unrounded positions: the same metrics for PDF and for a scaled PNG preview.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        layout = pango_layout_new(context)
    }

    deinit {
        for description in descriptions.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(fontMap)
    }

    func description(for font: FontSpec) -> OpaquePointer {
        if let cached = descriptions[font] { return cached }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, FontFamilies.family(for: font.role))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        descriptions[font] = description
        return description
    }

    /// `text` shaped on one line at `font`: measured once, drawn as often as it occurs.
    func line(_ text: String, font: FontSpec) -> ShapingCache.Line {
        cache.line(.init(text: text, font: font)) {
            let layout = self.layout
            pango_layout_set_font_description(layout, description(for: font))
            pango_layout_set_width(layout, -1)
            pango_layout_set_text(layout, text, -1)
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            return .init(width: Double(logical.width) / Double(PANGO_SCALE),
                         baseline: Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE),
                         runs: GlyphRun.runs(of: layout, text: text))
        }
    }

    public func breakLines(_ text: String, font: FontSpec, width: Double) -> [MeasuredLine] {
        cache.wrapped(.init(text: text, font: font, width: width)) { shapeLines(text, font: font, width: width) }
    }

    private func shapeLines(_ text: String, font: FontSpec, width: Double) -> [MeasuredLine] {
        let l = layout
        pango_layout_set_font_description(l, description(for: font))
        pango_layout_set_width(l, cInt(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(l, text, -1)
        let utf8 = Array(text.utf8)
        var lines: [MeasuredLine] = []
        let count = pango_layout_get_line_count(l)
        for i in 0..<count {
            guard let line = pango_layout_get_line_readonly(l, i) else { continue }
            let start = Int(line.pointee.start_index)
            let end = min(utf8.count, start + Int(line.pointee.length))
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            let piece = String(decoding: utf8[start..<end], as: UTF8.self)
            lines.append(MeasuredLine(text: piece, width: Double(logical.width) / Double(PANGO_SCALE)))
        }
        return lines
    }

    public func width(of text: String, font: FontSpec) -> Double {
        line(text, font: font).width
    }

    public func missingCharacters(in text: String) -> [Unicode.Scalar] {
        var missing: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where scalar.value >= 0x20 {
            // Cheapest first: printable ASCII and covered characters are the rule; whitespace and
            // controls need no glyph.
            if scalar.value < 0x7F || library.covers(scalar) || scalar.properties.isWhitespace { continue }
            if !missing.contains(scalar) { missing.append(scalar) }
        }
        return missing
    }
}
