import Foundation
import Pipeline
import Records
import Testing
import TestSupport

/// The certificate's hours cell of issue 11, rendered for real and read back with pdftotext.
@Suite("Hours in the certificate stay whole")
struct NumberCellTests {
    @Test("10.25 hours print as 10.25 on one line of the certificate")
    func certificateHours() throws {
        var course = Samples.activity(hours: 10)
        course["hours"] = 10.25
        course["params"] = ["approved_hours": 10.25]
        let person = Samples.person(1, activities: [course, Samples.activity(content: "专业课程", subject: "professional", hours: 62, day: 2)])
        let rendered = try Rendered(Samples.records(people: [person]))
        #expect(rendered.report.failures.isEmpty, "\(rendered.report.failures)")
        let text = try Poppler.text(rendered.person(Samples.idNumber(1), "certificate.pdf"))
        #expect(text.contains("10.25"), "\(text)")
        #expect(!text.contains("10.2\n"))
    }
}
