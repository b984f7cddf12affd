import Crypto
import Foundation

/// 抽检: the city title office checks at least 20% of each agency's results of each year
/// (抽检率不低于20%). The results are the stamped result sheets the manifest lists; in each group
/// (agency, year) ceil(rate × n) of them are drawn, at least one, from a seed that makes the draw
/// reproducible.
public enum SpotCheck {
    /// The lowest rate the rules allow.
    public static let minimumRate = SampleRate(millionths: 200_000)

    /// One agency's results of one year, and those drawn.
    public struct Group: Sendable {
        public var agency: String
        public var agencyName: String
        public var year: Int
        /// How many results the group has.
        public var population: Int
        /// The drawn results, by serial.
        public var drawn: [ManifestEntry]
    }

    /// Draws from every stamped result in `entries`. Within a group the results are ordered by serial
    /// before drawing, so neither the manifest's order nor unrelated groups change a group's sample.
    public static func draw(_ entries: [ManifestEntry], rate: SampleRate, seed: UInt64) -> [Group] {
        var groups: [String: [ManifestEntry]] = [:]
        for entry in entries {
            guard let result = entry.origin.result else { continue }
            groups["\(result.agency)\u{0}\(entry.origin.year)", default: []].append(entry)
        }
        return groups.values.map { members in
            let results = members.sorted { $0.origin.result!.serial < $1.origin.result!.serial }
            let first = results[0]
            let agency = first.origin.result!.agency
            let drawn = places(results.count, rate: rate, seed: seed, agency: agency, year: first.origin.year).map { results[$0] }
            return Group(agency: agency, agencyName: first.origin.result!.agencyName, year: first.origin.year,
                         population: results.count, drawn: drawn)
        }.sorted { ($0.agency, $0.year) < ($1.agency, $1.year) }
    }

    /// The places drawn from a group of `count` results ordered by serial, in order: ceil(rate × count),
    /// at least one. The archive's draw and the registry's (`SpotCheckList(results:)`) are this one, so
    /// the same results, rate and seed give the same sample wherever they are drawn.
    public static func places(_ count: Int, rate: SampleRate, seed: UInt64, agency: String, year: Int) -> [Int] {
        var generator = SplitMix64(seed: groupSeed(seed, agency: agency, year: year))
        let size = rate.sampleSize(of: count)
        // Partial Fisher–Yates: the first `size` places become a uniform draw without replacement.
        var order = Array(0..<count)
        for i in 0..<size { order.swapAt(i, i + generator.next(below: order.count - i)) }
        return order.prefix(size).sorted()
    }

    /// Each group's own generator: SHA-256 of the seed, agency and year, so groups draw independently.
    static func groupSeed(_ seed: UInt64, agency: String, year: Int) -> UInt64 {
        let digest = SHA256.hash(data: Data("cedocs-sample/1 \(seed) \(agency) \(year)".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// A sampling rate kept exactly in millionths, so ceil(rate × n) has no floating-point surprises
/// (0.3 × 10 is 3, not 4).
public struct SampleRate: Sendable, Comparable, CustomStringConvertible {
    public let millionths: Int

    public init(millionths: Int) { self.millionths = millionths }

    /// "0.2", "0.25", "1", or "20%"; nil unless a number between 0 and 1 with at most six decimals.
    public init?(_ text: String) {
        var text = text.trimmingCharacters(in: .whitespaces)
        var scale = 1_000_000
        if text.hasSuffix("%") {
            text.removeLast()
            scale = 10_000
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole <= 100 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.count <= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                  let value = Int(digits.isEmpty ? "0" : digits) else { return nil }
            fraction = value * Int(pow(10, Double(6 - digits.count)))
        }
        let value = (whole * 1_000_000 + fraction) * scale / 1_000_000
        guard value > 0, value <= 1_000_000 else { return nil }
        millionths = value
    }

    /// ceil(rate × n), at least 1 of a non-empty group.
    public func sampleSize(of n: Int) -> Int {
        guard n > 0 else { return 0 }
        return min(n, max(1, (n * millionths + 999_999) / 1_000_000))
    }

    public static func < (a: SampleRate, b: SampleRate) -> Bool { a.millionths < b.millionths }

    /// "20%", "12.5%".
    public var description: String {
        let percent = Double(millionths) / 10_000
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }
}
