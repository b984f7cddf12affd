import Layout
import Records

/// What an audit agency adds to a document it stamps (盖章): its opinion (审验意见) and the date it
/// gave it, the serial its registry gave (审验编号) and its seal. Only a stamp puts these words on a
/// page: an unstamped document leaves the agency's box blank for the agency, whatever the records say.
public struct AgencyStamp: Sendable, Equatable {
    /// e.g. `XZPX-2016-000123`
    public var serial: String
    /// The agency's own seal scan; nil keeps the dashed placeholder for a seal applied by hand.
    public var seal: SealImage?
    /// 审验意见 as the agency words it, e.g. `继续教育审验合格`.
    public var opinion: String
    /// The day of the agency's opinion (审验日期).
    public var date: CalendarDate

    public init(serial: String, seal: SealImage?, opinion: String, date: CalendarDate) {
        self.serial = serial
        self.seal = seal
        self.opinion = opinion
        self.date = date
    }
}

extension DocumentData {
    /// The document as the agency stamps it: the opinion and its date in the agency's box, the serial
    /// on the line under the opinion (the box's note, printed in the body's face, not the opinion's
    /// hand), where the reader of the paper finds it, and in the PDF's keywords, where `cedocs verify`
    /// finds it in a file; the seal in the agency's slot. Unchanged without a stamp.
    func stamped(_ stamp: AgencyStamp?) -> DocumentData {
        guard let stamp else { return self }
        var data = self
        data.fields["opinion.agency"] = stamp.opinion
        data.fields["serial.agency"] = "审验编号：\(stamp.serial)"
        data.fields["date.agency"] = stamp.date.chinese
        data.seals[.agency] = stamp.seal
        data.metadata.keywords = [metadata.keywords, stamp.serial].filter { !$0.isEmpty }.joined(separator: " ")
        return data
    }
}
