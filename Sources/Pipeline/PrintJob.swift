import Documents
import Layout
import Records
import Render

extension DocumentRenderer {
    /// The unit's print job (登记表合订本) in memory, drawn on this renderer's thread: for the service,
    /// whose records are in memory and bounded. The same pages, order, blank pages and bookmarks as the
    /// `registrations.pdf` BatchRenderer writes, through the same `producePrintJob`; unstamped, as there.
    public func printJob(_ records: RecordsFile, people: [Person], creator: String) throws(ProduceError) -> ProducedDocument {
        let builder = DocumentBuilder(records: records, creator: creator)
        var failure: LayoutError?
        let produced = try producePrintJob(to: .memory, metadata: BatchRenderer.printJobMetadata(records, creator: creator)) { add in
            for person in people where failure == nil {
                var shown = person
                shown.audit = nil
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
