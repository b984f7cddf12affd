import CPangoCairo

/// Shaped text ready for Cairo: glyphs positioned from the start of the line's baseline, in one
/// Cairo font, with the UTF-8 text and the clusters that map bytes to glyphs (they give the PDF its
/// ToUnicode map, so the text can be searched and copied).
struct GlyphRun {
    /// Held with a reference of its own, released by `release()`.
    let font: OpaquePointer
    var glyphs: [cairo_glyph_t]
    var utf8: [CChar]
    var clusters: [cairo_text_cluster_t]

    /// The runs of the first line of a laid-out single-line `layout` of `text`.
    static func runs(of layout: OpaquePointer, text: String) -> [GlyphRun] {
        guard let line = pango_layout_get_line_readonly(layout, 0) else { return [] }
        let bytes = Array(text.utf8CString.dropLast())
        var runs: [GlyphRun] = []
        var x = 0.0
        var node = line.pointee.runs
        while let current = node {
            defer { node = current.pointee.next }
            guard let item = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee,
                  let analysis = item.item?.pointee, let glyphString = item.glyphs?.pointee,
                  let pangoFont = analysis.analysis.font,
                  let font = pango_cairo_font_get_scaled_font(OpaquePointer(pangoFont)) else { continue }
            let start = Int(analysis.offset)
            let end = start + Int(analysis.length)
            let baselineShift = Double(item.y_offset) / Double(PANGO_SCALE)
            var run = GlyphRun(font: cairo_scaled_font_reference(font), glyphs: [], utf8: Array(bytes[start..<end]), clusters: [])
            // Glyphs of one cluster share a log_cluster (a byte offset into the item).
            var clusterStart = -1
            for i in 0..<Int(glyphString.num_glyphs) {
                let info = glyphString.glyphs[i]
                let cluster = Int(glyphString.log_clusters[i])
                if cluster != clusterStart {
                    run.clusters.append(cairo_text_cluster_t(num_bytes: 0, num_glyphs: 0))
                    clusterStart = cluster
                }
                let empty = info.glyph == PANGO_GLYPH_EMPTY || info.glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0
                if !empty {
                    run.glyphs.append(cairo_glyph_t(
                        index: UInt(info.glyph),
                        x: x + Double(info.geometry.x_offset) / Double(PANGO_SCALE),
                        y: baselineShift + Double(info.geometry.y_offset) / Double(PANGO_SCALE)))
                    run.clusters[run.clusters.count - 1].num_glyphs += 1
                }
                x += Double(info.geometry.width) / Double(PANGO_SCALE)
            }
            // Each cluster's bytes run to the next cluster's start (left-to-right text).
            var starts: [Int] = []
            var last = -1
            for i in 0..<Int(glyphString.num_glyphs) where Int(glyphString.log_clusters[i]) != last {
                last = Int(glyphString.log_clusters[i])
                starts.append(last)
            }
            for (k, s) in starts.enumerated() {
                let next = k + 1 < starts.count ? starts[k + 1] : end - start
                run.clusters[k].num_bytes = Int32(next - s)
            }
            // A cluster with neither bytes nor glyphs is not allowed; one with bytes and no glyphs is.
            run.clusters.removeAll { $0.num_bytes == 0 && $0.num_glyphs == 0 }
            runs.append(run)
        }
        return runs
    }

    func release() { cairo_scaled_font_destroy(font) }
}

/// Text of one page gathered by font and colour, then shown with one call per group: Cairo's PDF
/// backend pays for every drawing operation, so a form's hundreds of strings become a handful.
struct GlyphBatch {
    private struct Key: Hashable {
        var font: OpaquePointer
        var gray: Double
    }

    private var order: [Key] = []
    private var groups: [Key: GlyphRun] = [:]

    var isEmpty: Bool { order.isEmpty }

    mutating func add(_ runs: [GlyphRun], at origin: (x: Double, y: Double), gray: Double) {
        for run in runs where !run.glyphs.isEmpty {
            let key = Key(font: run.font, gray: gray)
            if groups[key] == nil {
                order.append(key)
                groups[key] = GlyphRun(font: run.font, glyphs: [], utf8: [], clusters: [])
            }
            groups[key]!.glyphs += run.glyphs.map { cairo_glyph_t(index: $0.index, x: $0.x + origin.x, y: $0.y + origin.y) }
            groups[key]!.utf8 += run.utf8
            groups[key]!.clusters += run.clusters
        }
    }

    /// Shows everything gathered, in the order the fonts first appeared, and empties the batch.
    mutating func show(on cr: OpaquePointer) {
        for key in order {
            let run = groups[key]!
            cairo_set_scaled_font(cr, key.font)
            cairo_set_source_rgb(cr, key.gray, key.gray, key.gray)
            cairo_show_text_glyphs(cr, run.utf8, Int32(run.utf8.count), run.glyphs, Int32(run.glyphs.count),
                                   run.clusters, Int32(run.clusters.count), cairo_text_cluster_flags_t(0))
        }
        order.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
    }
}
