import Archiving
import Foundation
import Testing

/// 抽检: at least ceil(rate × n) of each agency's results of each year, reproducible from the seed.
@Suite("spot-check sampling")
struct SpotCheckTests {
    /// `count` stamped results of `agency` in `year`.
    func results(_ agency: String, year: Int, count: Int) -> [ManifestEntry] {
        (0..<count).map { n in
            let serial = String(format: "\(agency)-\(year)-%06d", n + 1)
            return ManifestEntry(path: "people/\(n)/\(year)/result.pdf", size: 1, sha256: "00", origin: FileOrigin(
                person: "\(n)", unit: "单位", year: year, kind: "result", input: "x",
                result: IssuedResultRecord(serial: serial, agency: agency, agencyName: agency, verdict: "合格",
                                           maskedName: "张*", maskedID: "**************0000")))
        }
    }

    var archive: [ManifestEntry] {
        (1...4).flatMap { results("G\($0)", year: 2016, count: $0) } + results("XZPX", year: 2016, count: 37)
            + results("XZPX", year: 2017, count: 10) + results("TSZC", year: 2016, count: 5)
    }

    @Test("every group, of 1 to 37 results, gets at least 20%, and at least one")
    func atLeastRate() {
        for seed: UInt64 in [1, 42, 987_654_321] {
            let groups = SpotCheck.draw(archive, rate: SpotCheck.minimumRate, seed: seed)
            #expect(groups.count == 7)
            for group in groups {
                #expect(group.drawn.count == Int((Double(group.population) * 0.2).rounded(.up)))
                #expect(group.drawn.count * 5 >= group.population)
                #expect(Set(group.drawn.map(\.path)).count == group.drawn.count, "no result drawn twice")
                #expect(group.drawn.allSatisfy { $0.origin.result?.agency == group.agency && $0.origin.year == group.year })
            }
        }
    }

    @Test("the same seed draws the same sample, whatever the manifest's order; another seed another")
    func reproducible() {
        let a = SpotCheck.draw(archive, rate: SpotCheck.minimumRate, seed: 2016)
        let b = SpotCheck.draw(archive.reversed(), rate: SpotCheck.minimumRate, seed: 2016)
        #expect(a.map { $0.drawn.map(\.path) } == b.map { $0.drawn.map(\.path) })
        let samples = Set((1...20).map { seed in
            SpotCheck.draw(archive, rate: SpotCheck.minimumRate, seed: UInt64(seed)).first { $0.population == 37 }!.drawn.map(\.path)
        })
        #expect(samples.count > 15)
    }

    @Test("a group's draw does not depend on the other groups")
    func independentGroups() {
        let alone = SpotCheck.draw(results("XZPX", year: 2016, count: 37), rate: SpotCheck.minimumRate, seed: 7)
        let among = SpotCheck.draw(archive, rate: SpotCheck.minimumRate, seed: 7).filter { $0.agency == "XZPX" && $0.year == 2016 }
        #expect(alone.map { $0.drawn.map(\.path) } == among.map { $0.drawn.map(\.path) })
    }

    @Test("SplitMix64 gives its published sequence")
    func splitMix() {
        var generator = SplitMix64(seed: 1234567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
    }

    @Test("rates are exact: ceil(0.3 × 10) is 3; below 20% is below the minimum",
          arguments: [("0.2", 5, 1), ("0.3", 10, 3), ("20%", 4, 1), ("0.25", 4, 1), ("0.21", 100, 21), ("1", 3, 3)])
    func rates(text: String, n: Int, expected: Int) throws {
        let rate = try #require(SampleRate(text))
        #expect(rate.sampleSize(of: n) == expected)
        #expect(rate >= SpotCheck.minimumRate)
    }

    @Test("rates that are not rates are refused", arguments: ["0", "-0.2", "1.5", "abc", "0.1234567", ""])
    func badRates(text: String) {
        #expect(SampleRate(text) == nil)
    }
}
