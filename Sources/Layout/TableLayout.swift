extension Composition {
    /// Rows of a collection flowing across pages: the header repeated on every page, the caption
    /// (续表) on continuation pages, 本页小计 closing each page and 合计 after the last row.
    mutating func layoutTable(_ table: TableBlock) throws(LayoutError) {
        let rows = data.tables[table.source] ?? []
        let xs = table.columns.reduce(into: [flow.content.x]) { $0.append($0.last! + mm($1.width)) }
        let rowHeight = mm(table.rowHeight)
        let headerHeight = mm(table.headerHeight)
        let sumHeight = rowHeight
        let captionHeight = table.caption == nil ? 0 : rowHeight
        let subtotalHeight = table.subtotal == nil ? 0 : sumHeight
        let totalHeight = table.total == nil ? 0 : sumHeight

        var pageSums: [String: Double] = [:]
        var grandSums: [String: Double] = [:]
        var continuation = false

        // Header, plus the caption on a continuation page.
        func startPage(_ composition: inout Composition, continued: Bool) throws(LayoutError) {
            if continued {
                composition.flow.newPage()
                if let caption = table.caption {
                    let rect = Rect(x: composition.flow.content.x, y: composition.flow.cursor,
                                    width: composition.flow.content.width, height: captionHeight)
                    let font = composition.style(table.style)
                    let text = try composition.fill(caption)
                    composition.flow.add(try composition.cellText(text, font: font, in: rect, align: .left, valign: .middle,
                                                                 field: "caption", cell: "续表"))
                    composition.flow.advance(captionHeight)
                }
            }
            let headers = table.columns.map(\.header)
            try composition.drawRow(headers, columns: table.columns, xs: xs, height: headerHeight,
                                    style: table.headerStyle, cellNames: headers, fieldNames: headers)
        }

        // The first page needs the header, one row and the page's subtotal.
        flow.ensure(headerHeight + rowHeight + subtotalHeight + (rows.isEmpty ? totalHeight : 0))
        try startPage(&self, continued: false)

        let fieldNames = table.columns.map { "\(table.source).\($0.field)" }
        let cellNames = table.columns.map(\.header)
        let summed = Set((table.subtotal?.sum ?? []) + (table.total?.sum ?? []))
        var drawn = 0
        for (index, row) in rows.enumerated() {
            let values = table.columns.map { row[$0.field] ?? "" }
            let (height, cells) = try measureRow(values, columns: table.columns, style: table.style,
                                                 minHeight: rowHeight, maxHeight: mm(table.maxRowHeight),
                                                 fieldName: { "\(fieldNames[$0])（第\(index + 1)行）" }, cellNames: cellNames)
            let isLast = index == rows.count - 1
            let needed = height + subtotalHeight + (isLast ? totalHeight : 0)
            if needed > flow.remaining + 0.01 {
                guard drawn > 0 || continuation else { throw .blockTooTall(template: template.name, block: "表格行") }
                if let subtotal = table.subtotal {
                    try drawSums(subtotal, sums: pageSums, columns: table.columns, xs: xs, height: sumHeight, style: table.style)
                }
                pageSums = [:]
                continuation = true
                try startPage(&self, continued: true)
                guard needed <= flow.remaining + 0.01 else { throw .blockTooTall(template: template.name, block: "表格行") }
            }
            drawRow(cells, columns: table.columns, xs: xs, height: height)
            drawn += 1
            for field in summed {
                if let value = HoursText.parse(row[field] ?? "") {
                    pageSums[field, default: 0] += value
                    grandSums[field, default: 0] += value
                }
            }
        }

        if rows.isEmpty, let empty = table.emptyText {
            let rect = Rect(x: xs[0], y: flow.cursor, width: xs.last! - xs[0], height: rowHeight)
            flow.addBox(rect)
            flow.add(try cellText(try fill(empty), font: style(table.style), in: rect, align: .center, valign: .middle,
                                  field: "empty_text", cell: table.source))
            flow.advance(rowHeight)
        }
        // Blank rows so a short form still looks like the printed form, as far as the page allows.
        let blanks = max(0, table.minRows - max(rows.count, rows.isEmpty && table.emptyText != nil ? 1 : 0))
        for _ in 0..<blanks where rowHeight + subtotalHeight + totalHeight <= flow.remaining + 0.01 {
            try drawRow(table.columns.map { _ in "" }, columns: table.columns, xs: xs, height: rowHeight,
                        style: table.style, cellNames: cellNames, fieldNames: fieldNames)
        }
        if let subtotal = table.subtotal {
            try drawSums(subtotal, sums: pageSums, columns: table.columns, xs: xs, height: sumHeight, style: table.style)
        }
        if let total = table.total {
            try drawSums(total, sums: grandSums, columns: table.columns, xs: xs, height: sumHeight, style: table.style)
        }
    }

    /// The height a row needs and its cells' text, set once: the tallest cell at the nominal size,
    /// between the minimum and the cap (past the cap the text shrinks; past the floor it is an error).
    private func measureRow(_ values: [String], columns: [TableColumn], style name: String, minHeight: Double,
                            maxHeight: Double, fieldName: (Int) -> String,
                            cellNames: [String]) throws(LayoutError) -> (Double, [FittedText?]) {
        let font = style(name)
        var height = minHeight
        var cells: [FittedText?] = []
        cells.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            guard !value.isEmpty else {
                cells.append(nil)
                continue
            }
            let width = mm(columns[i].width) - 2 * padding
            let wrapped = fitter.wrapKeepingNumbers(value, font: font, width: width)
            var fitted = FittedText(lines: wrapped.lines, font: font, lineHeight: fitter.lineHeight(for: font))
            let tooTall = fitted.height + 2 * padding > maxHeight
            if tooTall || !wrapped.whole {
                // Too tall, or a number wider than the column: smaller, down to the floor.
                guard let shrunk = fitter.fit(value, font: font, in: Size(width: width, height: maxHeight - 2 * padding)) else {
                    throw .doesNotFit(subject: data.subject, field: fieldName(i), cell: cellNames[i], text: value,
                                      floor: template.minFontSize)
                }
                fitted = shrunk
                height = tooTall ? maxHeight : max(height, fitted.height + 2 * padding)
            } else {
                height = max(height, fitted.height + 2 * padding)
            }
            cells.append(fitted)
        }
        return (height, cells)
    }

    /// One ruled row of already-set cells at the cursor.
    private mutating func drawRow(_ cells: [FittedText?], columns: [TableColumn], xs: [Double], height: Double) {
        for (i, cell) in cells.enumerated() {
            let rect = Rect(x: xs[i], y: flow.cursor, width: xs[i + 1] - xs[i], height: height)
            flow.addBox(rect)
            if let cell {
                flow.add(fitter.place(cell, in: rect.inset(dx: padding, dy: padding), align: columns[i].align, valign: .middle))
            }
        }
        flow.advance(height)
    }

    /// One ruled row of plain strings at the cursor (headers, blank rows).
    mutating func drawRow(_ values: [String], columns: [TableColumn], xs: [Double], height: Double,
                          style name: String, cellNames: [String], fieldNames: [String]) throws(LayoutError) {
        let font = style(name)
        for (i, value) in values.enumerated() {
            let rect = Rect(x: xs[i], y: flow.cursor, width: xs[i + 1] - xs[i], height: height)
            flow.addBox(rect)
            flow.add(try cellText(value, font: font, in: rect, align: columns[i].align, valign: .middle,
                                  field: fieldNames[i], cell: cellNames[i]))
        }
        flow.advance(height)
    }

    /// 本页小计 / 合计: the label across the columns before the first summed one, then the sums.
    private mutating func drawSums(_ row: SumRow, sums: [String: Double], columns: [TableColumn], xs: [Double],
                                   height: Double, style name: String) throws(LayoutError) {
        let font = style(name)
        let first = columns.firstIndex { row.sum.contains($0.field) } ?? columns.count
        let label = Rect(x: xs[0], y: flow.cursor, width: xs[first] - xs[0], height: height)
        flow.addBox(label)
        flow.add(try cellText(row.label, font: font, in: label, align: .center, valign: .middle,
                              field: row.label, cell: row.label))
        for i in first..<columns.count {
            let rect = Rect(x: xs[i], y: flow.cursor, width: xs[i + 1] - xs[i], height: height)
            flow.addBox(rect)
            guard row.sum.contains(columns[i].field) else { continue }
            let text = HoursText.format(sums[columns[i].field] ?? 0)
            flow.add(try cellText(text, font: font, in: rect, align: columns[i].align, valign: .middle,
                                  field: row.label, cell: columns[i].header))
        }
        flow.advance(height)
    }
}
