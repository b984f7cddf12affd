/// Where a file of the archive comes from (来源): whose it is, which year, which document, and the
/// digest of the input that produced it (输入摘要), so a later run can skip it when nothing changed.
public struct FileOrigin: Codable, Sendable, Equatable {
    /// 公民身份号码 of the person whose file it is.
    public var person: String?
    /// 单位名称 as the records give it (the folder holds its safe form).
    public var unit: String?
    /// 审验年度
    public var year: Int
    /// `registration`, `certificate`, `annual-audit`, `print-job`, `result`, or `<kind>-preview` for a PNG.
    public var kind: String
    /// What determined the bytes, hashed; nil when unknown (a file found after an interrupted run),
    /// which makes the next run write it again.
    public var input: String?
    /// The result an audit agency issued in this file (result.pdf), for the spot check (抽检).
    public var result: IssuedResultRecord?
    /// Set on every file an agency stamped: only `cedocs stamp` may replace it.
    public var stamp: StampMark?

    public init(person: String? = nil, unit: String? = nil, year: Int, kind: String, input: String?,
                result: IssuedResultRecord? = nil, stamp: StampMark? = nil) {
        self.person = person
        self.unit = unit
        self.year = year
        self.kind = kind
        self.input = input
        self.result = result
        self.stamp = stamp
    }
}

/// 已盖章: what the manifest keeps of a stamped file, so that a render leaves it alone and can tell
/// whether the record changed since, and `archive check` can name its serial, without the registry.
public struct StampMark: Codable, Sendable, Equatable {
    /// 审验编号 printed on the file.
    public var serial: String
    /// SHA-256 of the record the agency examined (the person's, or for 附件2 the unit's roster),
    /// independent of the engine: a new cedocs or template does not make a stamped record "changed".
    public var record: String

    public init(serial: String, record: String) {
        self.serial = serial
        self.record = record
    }
}

/// A stamped result as the manifest keeps it: enough to draw the spot-check sample and print the
/// inspectors' sheet without the agency's registry, with the person masked (个人信息保护).
public struct IssuedResultRecord: Codable, Sendable, Equatable {
    /// 审验编号, e.g. XZPX-2016-000123.
    public var serial: String
    /// 审验机构 code (XZPX) and name.
    public var agency: String
    public var agencyName: String
    /// 合格 or 不合格.
    public var verdict: String
    /// 张*东
    public var maskedName: String
    /// **************1239 (Masking.idNumber)
    public var maskedID: String

    public init(serial: String, agency: String, agencyName: String, verdict: String, maskedName: String,
                maskedID: String) {
        self.serial = serial
        self.agency = agency
        self.agencyName = agencyName
        self.verdict = verdict
        self.maskedName = maskedName
        self.maskedID = maskedID
    }

    enum CodingKeys: String, CodingKey {
        case serial, agency, verdict
        case agencyName = "agency_name", maskedName = "masked_name", maskedID = "masked_id"
    }
}

/// One file as the manifest (清单) lists it: its path inside the archive, its size and SHA-256, and
/// its origin. In JSON the origin's keys sit beside the path's.
public struct ManifestEntry: Codable, Sendable, Equatable {
    /// Relative to the archive's root, "/"-separated: `people/<id>/<year>/registration.pdf`.
    public var path: String
    public var size: Int
    public var sha256: String
    public var origin: FileOrigin

    public init(path: String, size: Int, sha256: String, origin: FileOrigin) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey { case path, size, sha256 }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        size = try c.decode(Int.self, forKey: .size)
        sha256 = try c.decode(String.self, forKey: .sha256)
        origin = try FileOrigin(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(size, forKey: .size)
        try c.encode(sha256, forKey: .sha256)
        try origin.encode(to: encoder)
    }

    /// Whether `measure` is this entry's file, unaltered.
    public func matches(_ measure: FileDigest.Measure) -> Bool {
        measure.size == size && measure.sha256 == sha256
    }
}
