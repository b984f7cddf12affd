import Archiving
import Documents
import Layout
import Records
import Render
import Rules

extension DocumentRenderer {
    /// The unit's print job (登记表合订本) in memory, drawn on this renderer's thread: for the service,
    /// whose records are in memory and bounded. The same pages, order, blank pages and bookmarks as the
    /// `registrations.pdf` BatchRenderer writes, through the same `producePrintJob`; unstamped, as there.
    /// `engine`: the caller's rules (with or without a ledger), not this pool thread's.
    public func printJob(_ records: RecordsFile, people: [Person], creator: String,
                         engine: RulesEngine) throws(ProduceError) -> ProducedDocument {
        let builder = DocumentBuilder(records: records, creator: creator)
        var failure: LayoutError?
        let produced = try producePrintJob(to: .memory, metadata: BatchRenderer.printJobMetadata(records, creator: creator)) { add in
            for person in people where failure == nil {
                let shown = person.asTheUnitShows
                do throws(LayoutError) {
                    var pages = try compose(.registration, builder.registration(shown, engine.assess(shown, year: records.year))).pages
                    pages[0].bookmark = BatchRenderer.printJobBookmark(name: person.name, idNumber: person.idNumber)
                    add(pages)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw .layout(failure) }
        return produced
    }
}

extension DocumentRenderer {
    /// A document's first page as PNG at `dpi`, drawn from the very display list its PDF is drawn from
    /// (`compose`, then Render's `png`): the service's page shows it before anything is printed.
    public func preview(_ kind: DocumentKind, _ data: DocumentData, dpi: Double) throws(ProduceError) -> [UInt8] {
        let document: LaidOutDocument
        do throws(LayoutError) { document = try compose(kind, data) } catch { throw .layout(error) }
        guard let first = document.pages.first, let png = shaping.png(first, dpi: dpi) else {
            throw .output(AtomicFile.WriteError(path: "（内存）", reason: "预览图生成失败"))
        }
        return png
    }
}
