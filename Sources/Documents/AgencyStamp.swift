import Layout

/// What an audit agency adds to a document it stamps (盖章): the serial its registry gave (审验编号)
/// and its seal.
public struct AgencyStamp: Sendable, Equatable {
    /// e.g. `XZPX-2016-000123`
    public var serial: String
    /// The agency's own seal scan; nil keeps the dashed placeholder for a seal applied by hand.
    public var seal: SealImage?

    public init(serial: String, seal: SealImage?) {
        self.serial = serial
        self.seal = seal
    }
}

extension DocumentData {
    /// The document as the agency stamps it: the serial on a line under the agency's opinion, where
    /// the reader of the paper finds it, and in the PDF's keywords, where `cedocs verify` finds it in
    /// a file; the seal in the agency's slot. Unchanged without a stamp.
    func stamped(_ stamp: AgencyStamp?) -> DocumentData {
        guard let stamp else { return self }
        var data = self
        data.fields["opinion.agency", default: ""] += "\n审验编号：\(stamp.serial)"
        data.seals[.agency] = stamp.seal
        data.metadata.keywords = [metadata.keywords, stamp.serial].filter { !$0.isEmpty }.joined(separator: " ")
        return data
    }
}
