@testable import Pipeline
import Records
import Stamping
import Testing
import TestSupport

/// The stamp report's issued lines, kept packed, their subjects spilled to the run's scratch file once
/// they are many (issue 18: memory flat in the number of people).
@Suite("the stamp report's issued list")
struct IssuedListTests {
    static func serial(_ agency: String, _ year: Int, _ sequence: Int) throws -> Serial {
        try #require(Serial(agency: agency, year: year, sequence: sequence))
    }

    /// Subjects of any length, serials of two agencies and years, replaced or not, any verdict.
    static func lines() throws -> [StampReport.Issued] {
        [
            .init(subject: "张卫东（320302198001011239）", serial: try serial("XZPX", 2016, 1), verdict: "合格", reused: false, replaced: nil),
            .init(subject: "𠀀𪚥（320302198001011247）", serial: try serial("XZPX", 2016, 999_999), verdict: "不合格", reused: true,
                  replaced: nil),
            .init(subject: "李", serial: try serial("TSQ1", 2017, 2), verdict: "合格", reused: false,
                  replaced: try serial("TSQ1", 2017, 1)),
            .init(subject: "单位“" + String(repeating: "徐州市", count: 50) + "”的年度审验表", serial: try serial("XZPX", 2016, 3),
                  verdict: "2人合格，1人不合格", reused: false, replaced: try serial("XZPX", 2016, 2)),
            .init(subject: "", serial: try serial("XZPX", 2016, 4), verdict: "", reused: true, replaced: nil),
        ]
    }

    static func expectSame(_ list: IssuedList, _ lines: [StampReport.Issued]) {
        #expect(list.count == lines.count)
        for (read, line) in zip(list, lines) {
            #expect(read.subject == line.subject)
            #expect(read.serial == line.serial)
            #expect(read.verdict == line.verdict)
            #expect(read.reused == line.reused)
            #expect(read.replaced == line.replaced)
        }
    }

    @Test("every line reads back as appended")
    func roundTrip() throws {
        let lines = try Self.lines()
        var list = IssuedList()
        list.reserveCapacity(2)
        for line in lines { list.append(line) }
        Self.expectSame(list, lines)
        #expect(IssuedList(lines).map(\.serial.description) == lines.map(\.serial.description))
        #expect(Array(list.serials) == lines.map(\.serial))
        #expect(list.indices.map(list.serial(at:)) == lines.map(\.serial))
        #expect(list.issuesNew)
        #expect(!IssuedList(lines.filter(\.reused)).issuesNew)
        #expect(list.readFailure == nil)
    }

    @Test("subjects spilled a chunk at a time to a scratch file read back as appended, in order and out of it")
    func spilled() throws {
        let lines = Array(repeating: try Self.lines(), count: 5).joined().enumerated().map { index, line in
            var line = line
            line.subject += "#\(index)"
            return line
        }
        let spill = try #require(ChunkScratch.forLists(of: 2000, in: Repository.temporaryFolder()))
        var list = IssuedList(spill: spill, chunkRows: 3)
        list.reserveCapacity(lines.count)
        for line in lines { list.append(line) }
        Self.expectSame(list, lines)
        #expect(list.indices.reversed().map { list[$0].subject } == lines.reversed().map(\.subject))
        #expect(list.readFailure == nil)
    }

    @Test("subjects that cannot be read back read as empty and say so; the serials, which 附件2's signed content lists, stay whole")
    func unreadableSubjects() throws {
        let lines = Array(Array(repeating: try Self.lines(), count: 3).joined())
        var list = IssuedList(spill: FailingSpill(keeps: true), chunkRows: 4)
        for line in lines { list.append(line) }
        #expect(Array(list.serials) == lines.map(\.serial))
        #expect(list.readFailure == nil, "the serials are read from memory")
        #expect(list[0].subject == "" && list[0].serial == lines.first!.serial)
        #expect(list.readFailure?.contains("读回时失败") == true)
        #expect(list[13].subject == lines[13].subject && !lines[13].subject.isEmpty, "the chunk being filled is in memory")

        var refused = IssuedList(spill: FailingSpill(keeps: false), chunkRows: 4)
        for line in lines { refused.append(line) }
        Self.expectSame(refused, lines)
        #expect(refused.readFailure == nil, "a chunk the spill refused stays in memory")
    }
}
