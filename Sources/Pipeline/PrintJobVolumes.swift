import Foundation

/// 登记表合订本的分册: the unit's print job (every 附件1 in roster order) in volumes of at most `size`
/// people, each its own PDF.
///
/// Why volumes: Cairo keeps a bookmark and a few objects for every page until a PDF ends, so one PDF of
/// a 30,000-person unit grew the run's memory with the number of people (issue 18, point 4); and a job
/// of some 60,000 pages is more than a print room takes, or a binder holds, at once. 1,000 people make
/// about 2,000 pages with their blank backs: one volume as a binder holds it. A unit of at most that
/// many keeps its one `registrations.pdf`, as before volumes; a larger one gets `registrations-01.pdf`,
/// `registrations-02.pdf`, …, numbered with as many digits as the last (at least two) so that a folder
/// listing shows them in roster order.
public struct PrintJobVolumes: Sendable {
    /// People in one volume.
    public static let standardSize = 1000
    static let singleName = "registrations.pdf"

    let people: Int
    let size: Int

    init(people: Int, size: Int = standardSize) {
        self.people = people
        self.size = max(1, size)
    }

    /// At least one: a unit with nobody valid still has its (empty) print job, as before volumes.
    var count: Int { max(1, (people + size - 1) / size) }

    /// The people (indices among the valid ones) of `volume`, counted from 0.
    func people(in volume: Int) -> Range<Int> { min(people, volume * size)..<min(people, (volume + 1) * size) }

    func volume(of person: Int) -> Int { person / size }

    func fileName(_ volume: Int) -> String {
        guard count > 1 else { return Self.singleName }
        let digits = max(2, String(count).count)
        let number = String(volume + 1)
        return "registrations-\(String(repeating: "0", count: digits - number.count))\(number).pdf"
    }

    /// What the volume's input digest names besides the records: the one volume digests as the print job
    /// did before volumes (an archive made then stays current); each of several, with its people.
    func digestName(_ volume: Int) -> String {
        let people = people(in: volume)
        return count == 1 ? "print-job" : "print-job people \(people.lowerBound)..<\(people.upperBound)"
    }

    /// "（合订）", or "（合订 第2册，共30册）".
    func titleSuffix(_ volume: Int) -> String { count == 1 ? "（合订）" : "（合订 第\(volume + 1)册，共\(count)册）" }

    /// Whether a file in a unit's folder is a print job volume, of this run's split or another.
    static func isVolume(_ name: String) -> Bool {
        if name == singleName { return true }
        guard name.hasPrefix("registrations-"), name.hasSuffix(".pdf") else { return false }
        let number = name.dropFirst("registrations-".count).dropLast(".pdf".count)
        return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The volumes in `folder` that this split does not write: left from a run when the unit had
    /// another number of people, to be removed so that the folder holds one print job.
    func stale(in folder: URL) -> [URL] {
        let current = Set((0..<count).map(fileName))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { Self.isVolume($0) && !current.contains($0) }.sorted().map { folder.appendingPathComponent($0) }
    }
}
