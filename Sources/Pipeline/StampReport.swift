import Rules
import Stamping

/// What a stamp run did, for the clerk: the results issued (or found unchanged and reused), who or
/// what was left unstamped and why, and the files written.
public struct StampReport: Sendable {
    public struct Issued: Sendable {
        /// "张卫东（320302198001011239）" or "单位“…”的年度审验表".
        public var subject: String
        public var serial: Serial
        /// 合格 or 不合格 for a person; "N人合格，M人不合格" for a unit.
        public var verdict: String
        /// The result was issued before with the same content: same serial, same bytes.
        public var reused: Bool
        /// The earlier result this one replaces (the content changed since).
        public var replaced: Serial?
    }

    public struct Skipped: Sendable, CustomStringConvertible {
        public var subject: String
        public var reason: String
        public var description: String { "\(subject) 未盖章：\(reason)" }
    }

    public var issued = IssuedList()
    public var skipped: [Skipped] = []
    /// Later years of the stamped people that the ledger holds and whose result changed with this
    /// stamp (细则四(二)…(六) 结转, 四(三) 学历): their issued results stand until they are stamped again.
    public var laterYears: [LedgerChange] = []
    /// Files written and documents that failed, as a render run reports them.
    public var rendering = RenderReport()

    public init() {}
}
