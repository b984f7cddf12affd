import Foundation
import Records

/// A spill that fails as a full disk (`keeps: false`: every chunk refused) or a failing one (`keeps:
/// true`: kept, but never read back) does.
public final class FailingSpill: ChunkSpill, @unchecked Sendable {
    let keeps: Bool
    var kept: [[UInt8]] = []

    public init(keeps: Bool) { self.keeps = keeps }

    public func keep(_ bytes: [UInt8]) throws -> Range<Int> {
        guard keeps else { throw CocoaError(.fileWriteOutOfSpace) }
        kept.append(bytes)
        return (kept.count - 1)..<kept.count
    }

    public func read(_ range: Range<Int>) -> [UInt8]? { nil }
}
