extension Composition {
    /// The opinion boxes (单位意见, 年审机构意见), kept whole on one page. In each box the date sits at
    /// the bottom right and the seal slot is centred on its 月, low enough that the date runs through
    /// the seal's lower part (下骑年盖月) and the opinion text ends above the seal's top (上不压正文).
    mutating func layoutOpinions(_ block: OpinionsBlock) throws(LayoutError) {
        let height = mm(block.height)
        let total = block.stacked ? height * Double(block.boxes.count) : height
        guard total <= flow.content.height else { throw .blockTooTall(template: template.name, block: "意见栏") }
        flow.ensure(total)
        var x = flow.content.x
        var y = flow.cursor
        for box in block.boxes {
            let width = block.stacked ? flow.content.width : mm(box.width)
            try layoutOpinionBox(box, in: Rect(x: x, y: y, width: width, height: height))
            if block.stacked { y += height } else { x += width }
        }
        flow.advance(total)
    }

    /// Blank date lines print as 年　月　日 for the hand to fill in.
    static let blankDate = "年　月　日"

    private mutating func layoutOpinionBox(_ box: OpinionBox, in rect: Rect) throws(LayoutError) {
        let labelRect = Rect(x: rect.x, y: rect.y, width: mm(box.labelWidth), height: rect.height)
        let content = Rect(x: labelRect.maxX, y: rect.y, width: rect.width - labelRect.width, height: rect.height)
        flow.addBox(labelRect)
        flow.addBox(content)
        flow.add(try cellText(box.label, font: style(box.labelStyle), in: labelRect, align: .center, valign: .middle,
                              field: box.label, cell: box.label))

        // The seal hugs the box's right side; the date is placed so that its 月 is under the seal's centre.
        // A real seal image prints at its own size.
        let sealImage = data.seals[box.seal.owner]
        let diameter = mm(sealImage?.diameter ?? box.seal.diameter)
        let margin = mm(1.5)
        let center = Point(x: content.maxX - margin - diameter / 2, y: 0)
        let filledDate = try fill(box.date)
        let date = filledDate.isEmpty ? Self.blankDate : filledDate
        let dateFont = style(box.dateStyle)
        let dateWidth = fitter.measurer.width(of: date, font: dateFont)
        let monthCenter: Double
        if let month = date.firstIndex(of: "月") {
            let before = fitter.measurer.width(of: String(date[..<month]), font: dateFont)
            monthCenter = before + fitter.measurer.width(of: "月", font: dateFont) / 2
        } else {
            monthCenter = dateWidth / 2
        }
        // Date's middle line three tenths of a diameter above the seal's bottom, which stays in the box.
        let dateMiddle = content.maxY - margin - 0.3 * diameter
        let sealCenter = Point(x: center.x, y: dateMiddle - 0.2 * diameter)
        let baseline = dateMiddle + 0.38 * dateFont.size
        let dateX = max(content.x + padding, sealCenter.x - monthCenter)
        flow.add(.text(TextItem(text: date, font: dateFont, origin: Point(x: dateX, y: baseline), width: dateWidth)))

        // The opinion text, then its note: above the seal's top, never under it. The opinion takes the
        // room the note leaves; one too long for it (every reason of a fail) has the note set at the
        // template's floor size, as small as the opinion may go, to make room.
        let sealTop = sealCenter.y - diameter / 2
        let textBox = Rect(x: content.x + padding * 2, y: content.y + padding * 2,
                           width: content.width - padding * 4, height: sealTop - padding - (content.y + padding * 2))
        let opinion = try fill(box.text)
        let note = try fill(box.note)
        let noteFont = style(box.noteStyle)
        /// The note set at `font`, and the room it leaves above itself for the opinion.
        func setNote(_ font: FontSpec) throws(LayoutError) -> (note: FittedText?, room: Rect) {
            guard !note.isEmpty else { return (nil, textBox) }
            let set = try fitted(note, font: font, in: textBox, field: Interpolation.fieldName(of: box.note), cell: box.label)
            return (set, Rect(x: textBox.x, y: textBox.y, width: textBox.width, height: textBox.height - set.height))
        }
        func setOpinion(in room: Rect) -> FittedText? {
            room.height > 0 ? fitter.fit(opinion, font: style(box.textStyle), in: Size(width: room.width, height: room.height)) : nil
        }
        var (fittedNote, room) = try setNote(noteFont)
        var fittedOpinion = opinion.isEmpty ? nil : setOpinion(in: room)
        if !opinion.isEmpty, fittedOpinion == nil, fittedNote != nil, noteFont.size > template.minFontSize {
            (fittedNote, room) = try setNote(noteFont.resized(template.minFontSize))
            fittedOpinion = setOpinion(in: room)
        }
        var rest = textBox
        if !opinion.isEmpty {
            let set = if let fittedOpinion { fittedOpinion } else {
                // Past the floor even so: `fitted` throws the error that names the field.
                try fitted(opinion, font: style(box.textStyle), in: room, field: Interpolation.fieldName(of: box.text),
                           cell: box.label)
            }
            flow.add(fitter.place(set, in: room, align: .left, valign: .top))
            rest.y += set.height
            rest.height -= set.height
        }
        if let fittedNote { flow.add(fitter.place(fittedNote, in: rest, align: .left, valign: .top)) }

        // The placeholder label sits in the upper half of the circle, clear of the date line.
        let labelFont = style(box.labelStyle)
        let labelWidth = fitter.measurer.width(of: box.seal.label, font: labelFont)
        let labelBaseline = sealCenter.y - 0.1 * diameter
        let label = TextItem(text: box.seal.label, font: labelFont,
                             origin: Point(x: sealCenter.x - labelWidth / 2, y: labelBaseline), width: labelWidth)
        flow.add(.sealSlot(SealSlot(owner: box.seal.owner, center: sealCenter, diameter: diameter, label: label,
                                    imagePath: sealImage?.path)))
    }
}
