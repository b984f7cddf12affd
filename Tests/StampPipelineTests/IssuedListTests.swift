@testable import Pipeline
import Stamping
import Testing

/// The stamp report's issued lines, kept packed (issue 18: memory flat in the number of people).
@Suite("the stamp report's issued list")
struct IssuedListTests {
    @Test("every line reads back as appended: subjects of any length, serials of two agencies and years, replaced or not, any verdict")
    func roundTrip() throws {
        func serial(_ agency: String, _ year: Int, _ sequence: Int) throws -> Serial {
            try #require(Serial(agency: agency, year: year, sequence: sequence))
        }
        let lines: [StampReport.Issued] = [
            .init(subject: "张卫东（320302198001011239）", serial: try serial("XZPX", 2016, 1), verdict: "合格", reused: false, replaced: nil),
            .init(subject: "𠀀𪚥（320302198001011247）", serial: try serial("XZPX", 2016, 999_999), verdict: "不合格", reused: true,
                  replaced: nil),
            .init(subject: "李", serial: try serial("TSQ1", 2017, 2), verdict: "合格", reused: false,
                  replaced: try serial("TSQ1", 2017, 1)),
            .init(subject: "单位“" + String(repeating: "徐州市", count: 50) + "”的年度审验表", serial: try serial("XZPX", 2016, 3),
                  verdict: "2人合格，1人不合格", reused: false, replaced: try serial("XZPX", 2016, 2)),
            .init(subject: "", serial: try serial("XZPX", 2016, 4), verdict: "", reused: true, replaced: nil),
        ]
        var list = IssuedList()
        list.reserveCapacity(2)
        for line in lines { list.append(line) }
        #expect(list.count == lines.count)
        for (read, line) in zip(list, lines) {
            #expect(read.subject == line.subject)
            #expect(read.serial == line.serial)
            #expect(read.verdict == line.verdict)
            #expect(read.reused == line.reused)
            #expect(read.replaced == line.replaced)
        }
        #expect(IssuedList(lines).map(\.serial.description) == lines.map(\.serial.description))
    }
}
