import Archiving
import Documents
import Foundation

/// Where a run's 附件2 rows go once they are many (`Roster`): a scratch file beside the run's output.
struct RosterScratch: RosterSpill {
    private let file: ScratchFile

    /// A spill for a roster of `rows` rows, when they are more than one chunk; nil otherwise, and when
    /// no scratch file can be made there (the rows then stay in memory).
    static func forRoster(of rows: Int, in folder: URL) -> RosterScratch? {
        guard rows > Roster.defaultChunkRows, let file = try? ScratchFile(in: folder) else { return nil }
        return RosterScratch(file: file)
    }

    func keep(_ bytes: [UInt8]) throws -> Range<Int> { try file.append(bytes) }

    func read(_ range: Range<Int>) -> [UInt8]? { file.read(range) }
}
