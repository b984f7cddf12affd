/// What a render run did, for the clerk: what was written, and who could not be, and why.
public struct RenderReport: Sendable {
    public struct Failure: Sendable, Encodable, CustomStringConvertible {
        /// The person or unit, as in "张卫东（320302198001011239）".
        public var subject: String
        public var document: String
        public var message: String
        /// It failed because the disk is full: a stamp run then records nothing (磁盘已满).
        public var storageFull: Bool
        public var description: String { "\(subject) 的\(document)未生成：\(message)" }

        public init(subject: String, document: String, message: String, storageFull: Bool = false) {
            self.subject = subject
            self.document = document
            self.message = message
            self.storageFull = storageFull
        }

        // The run report names what failed; whether the disk was full is in its message.
        enum CodingKeys: String, CodingKey { case subject, document, message }
    }

    /// A stamped file a render left as the agency issued it (已盖章，未重写).
    public struct KeptStamped: Sendable, Codable, CustomStringConvertible {
        public var subject: String
        public var document: String
        /// 审验编号 on the file.
        public var serial: String
        public var description: String { "\(subject) 的\(document)已盖章，未重写（审验编号 \(serial)）" }
    }

    /// Files written (a count: a batch writes tens of thousands).
    public var written = 0
    /// Files whose input had not changed since they were written, so not written again.
    public var unchanged = 0
    public var pages = 0
    public var people = 0
    public var failures: [Failure] = []
    /// Stamped files left alone; a stamped file whose record changed since is a failure instead.
    public var keptStamped: [KeptStamped] = []
    /// Files the run deleted as no longer its own: print job volumes of an earlier split (`PrintJobVolumes`).
    public var removed: [String] = []
    /// Notes on the whole run (`RulesEngine.notes`): without a ledger, that earlier years were not considered.
    public var notes: [String]?

    public init() {}
}

extension RenderReport {
    /// Adds another part of the same run (a worker's person) to this report.
    mutating func merge(_ other: RenderReport) {
        written += other.written
        unchanged += other.unchanged
        pages += other.pages
        people += other.people
        failures += other.failures
        keptStamped += other.keptStamped
        removed += other.removed
    }
}
