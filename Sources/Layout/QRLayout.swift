extension Composition {
    /// A QR code with its caption lines under it (the serial, the check code), kept together on one
    /// page and aligned as the block says; the caption may use the text block's whole width.
    mutating func layoutQR(_ block: QRBlock) throws(LayoutError) {
        guard let matrix = data.codes[block.code] else {
            throw .unknownField(template: template.name, field: block.code)
        }
        let side = mm(block.size)
        let font = style(block.style)
        let caption = try block.caption.map { text throws(LayoutError) in
            FittedText(lines: fitter.wrap(try fill(text), font: font, width: flow.content.width), font: font,
                       lineHeight: fitter.lineHeight(for: font))
        }
        let gap = caption == nil ? 0 : mm(1)
        let total = side + gap + (caption?.height ?? 0)
        guard total <= flow.content.height else { throw .blockTooTall(template: template.name, block: "二维码") }
        flow.ensure(total)
        let x: Double
        switch block.align {
        case .left: x = flow.content.x
        case .center: x = flow.content.midX - side / 2
        case .right: x = flow.content.maxX - side
        }
        flow.add(.qr(QRItem(rect: Rect(x: x, y: flow.cursor, width: side, height: side), matrix: matrix)))
        if let caption {
            let box = Rect(x: flow.content.x, y: flow.cursor + side + gap, width: flow.content.width, height: caption.height)
            flow.add(fitter.place(caption, in: box, align: block.align, valign: .top))
        }
        flow.advance(total)
    }
}
