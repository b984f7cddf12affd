import Foundation
import Synchronization

/// A list a run fills with a value for every person and reads back in order once it has them all (附件2's
/// rows, the report's subjects), kept flat in memory: values are gathered in chunks of `chunkRows`,
/// and given a `ChunkSpill` each full chunk goes there, so that only the chunk being filled stays in
/// memory (issue 18: memory flat in the number of people). A list of up to `chunkRows` values is never
/// spilled. A spilled chunk is read back whole, and kept for the values that follow it.
public struct SpilledList<Chunk: ListChunk>: RandomAccessCollection, Sendable {
    private let chunkRows: Int
    private let spill: (any ChunkSpill)?
    /// The full chunks, in order: spilled, or kept in memory (no spill, or the spill refused them).
    private var full: [Stored] = []
    /// The chunk being filled.
    private var filling = Chunk()
    private let reader = ChunkReader()

    private enum Stored: Sendable {
        case kept(Chunk)
        case spilled(Range<Int>)
    }

    /// `spill`: where full chunks go; nil keeps every value in memory.
    public init(spill: (any ChunkSpill)? = nil, chunkRows: Int = ListChunks.defaultRows) {
        self.spill = spill
        self.chunkRows = Swift.max(1, chunkRows)
    }

    /// Room for `count` values, or for one chunk when chunks are spilled.
    public mutating func reserveCapacity(_ count: Int) {
        filling.reserveCapacity(spill == nil ? count : Swift.min(count, chunkRows))
    }

    public mutating func append(_ value: Chunk.Element) {
        filling.append(value)
        guard filling.count == chunkRows else { return }
        // A spill that cannot keep the chunk (a full disk) leaves it in memory: nothing is lost.
        if let spill, let range = try? spill.keep(filling.encoded()) {
            full.append(.spilled(range))
        } else {
            full.append(.kept(filling))
        }
        filling = Chunk()
        if spill != nil { filling.reserveCapacity(chunkRows) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { full.count * chunkRows + filling.count }

    /// A value whose chunk cannot be read back reads as `Chunk.unreadable`, and `readFailure` says so.
    public subscript(index: Int) -> Chunk.Element {
        let (chunk, row) = index.quotientAndRemainder(dividingBy: chunkRows)
        guard chunk < full.count else { return filling[row] }
        switch full[chunk] {
        case .kept(let values): return values[row]
        case .spilled(let range): return reader.value(row, ofChunk: chunk, at: range, from: spill!)
        }
    }

    /// Why some values could not be read back from the spill (a failing disk): those read came back
    /// as `Chunk.unreadable`. Nil while every value read back whole.
    public var readFailure: String? { reader.failure }

    /// The spilled chunk read last, kept for the values after it, and whether a chunk could not be
    /// read back. Shared by a list's copies.
    private final class ChunkReader: Sendable {
        private let state = Mutex<(chunk: Int, values: Chunk)?>(nil)
        private let failed = Mutex<String?>(nil)

        var failure: String? { failed.withLock { $0 } }

        func value(_ row: Int, ofChunk chunk: Int, at range: Range<Int>, from spill: any ChunkSpill) -> Chunk.Element {
            if let cached = state.withLock({ $0?.chunk == chunk ? $0?.values : nil }) { return cached[row] }
            guard let bytes = spill.read(range), let values = Chunk(decoding: bytes), row < values.count else {
                failed.withLock { $0 = "暂存在磁盘上的名单读回时失败（磁盘读取错误）" }
                return Chunk.unreadable
            }
            state.withLock { $0 = (chunk, values) }
            return values[row]
        }
    }
}

public enum ListChunks {
    /// Values in one chunk: for 附件2's rows, about 150 KB once written out.
    public static let defaultRows = 1024
}

/// A chunk of a `SpilledList`: values kept compact in memory, written out and read back whole.
public protocol ListChunk: Sendable {
    associatedtype Element
    init()
    var count: Int { get }
    mutating func reserveCapacity(_ count: Int)
    mutating func append(_ value: Element)
    subscript(index: Int) -> Element { get }
    /// The chunk as a spill keeps it.
    func encoded() -> [UInt8]
    /// Nil for bytes `encoded` did not write.
    init?(decoding bytes: [UInt8])
    /// What a value reads as when its chunk cannot be read back.
    static var unreadable: Element { get }
}

/// Where a long list keeps its full chunks (a scratch file beside the run's output).
public protocol ChunkSpill: Sendable {
    /// Keeps `bytes`; where they are.
    func keep(_ bytes: [UInt8]) throws -> Range<Int>
    /// The bytes kept at `range`; nil when they cannot be read back.
    func read(_ range: Range<Int>) -> [UInt8]?
}

/// Strings as a chunk: JSON, an array of strings.
extension PackedStrings: ListChunk {
    public mutating func reserveCapacity(_ count: Int) { reserveCapacity(count, bytes: 48) }

    public func encoded() -> [UInt8] {
        // Strings always encode.
        Array(try! JSONEncoder().encode(Array(self)))
    }

    public init?(decoding bytes: [UInt8]) {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(bytes)) else { return nil }
        self.init()
        for string in strings { append(string) }
    }

    public static var unreadable: String { "" }
}
