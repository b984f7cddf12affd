import Archiving
import Foundation
import Records

/// Where a run's long lists go once they are many (`SpilledList`: 附件2's rows, the stamp report's
/// subjects): a scratch file beside the run's output, which the lists of one run may share.
struct ChunkScratch: ChunkSpill {
    private let file: ScratchFile

    /// A spill for lists of `count` values, when they are more than one chunk of `chunkRows`; nil
    /// otherwise, and when no scratch file can be made there (the values then stay in memory).
    static func forLists(of count: Int, chunkRows: Int = ListChunks.defaultRows, in folder: URL) -> ChunkScratch? {
        guard count > chunkRows, let file = try? ScratchFile(in: folder) else { return nil }
        return ChunkScratch(file: file)
    }

    func keep(_ bytes: [UInt8]) throws -> Range<Int> { try file.append(bytes) }

    func read(_ range: Range<Int>) -> [UInt8]? { file.read(range) }
}
