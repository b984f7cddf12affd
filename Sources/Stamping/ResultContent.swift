import Records
import Rules

/// The canonical content of an issued result: exactly the bytes an agency signs, and what the
/// registry keeps and `cedocs verify` shows. UTF-8 text, a format line, then one `key=value` line per
/// fact in a fixed order, each ending in LF; in values `\` is written `\\` and a line break `\n`.
///
/// A person's result (`cedocs-result/1`) covers the SHA-256 of the stamped 附件1 (registration.pdf)
/// and certificate pages (certificate.pdf). It cannot cover result.pdf: that file carries the QR code
/// whose signature this is, so a digest of it would have to be known before it exists. result.pdf's
/// digest is in the registry instead, which tells an altered copy from the issued one.
///
/// A unit's result (`cedocs-roster/1`) covers its stamped 附件2 (annual-audit.pdf), which prints its
/// serial but no QR code, and the serials of every person it lists.
public struct ResultContent: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// One person's audit result.
        case person = "cedocs-result/1"
        /// A unit's 附件2, once every person on it has been examined.
        case roster = "cedocs-roster/1"

        /// The short name the registry files it under.
        public var name: String { self == .person ? "person" : "roster" }
    }

    public let kind: Kind
    /// The facts in signing order.
    public let entries: [(key: String, value: String)]

    init(kind: Kind, entries: [(key: String, value: String)]) {
        self.kind = kind
        self.entries = entries
    }

    public subscript(key: String) -> String? { entries.first { $0.key == key }?.value }

    public var serial: Serial? { self["serial"].flatMap(Serial.init) }

    /// For each file a signature covers, by the file's kind (its name without `.pdf`), the key of
    /// its SHA-256.
    public static let digestKeys = [
        "registration": "registration_sha256",
        "certificate": "certificate_sha256",
        "annual-audit": "annual_audit_sha256",
    ]

    /// The text that is signed.
    public var text: String {
        // Appended in place: a person's result is written out several times a stamp (signing, the
        // spool, the registry) and a unit's lists every serial of its people.
        var text = kind.rawValue + "\n"
        text.reserveCapacity(entries.reduce(text.utf8.count) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 })
        for (key, value) in entries {
            text += key
            text += "="
            text += Self.escape(value)
            text += "\n"
        }
        return text
    }

    /// The signed bytes.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// Reads back a text this type wrote (from the registry); nil for anything else.
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "", let first = lines.first, let kind = Kind(rawValue: String(first)) else { return nil }
        lines.removeFirst()
        lines.removeLast()
        var entries: [(key: String, value: String)] = []
        for line in lines {
            guard let equals = line.firstIndex(of: "="), let value = Self.unescape(line[line.index(after: equals)...])
            else { return nil }
            entries.append((String(line[..<equals]), value))
        }
        self.init(kind: kind, entries: entries)
        // Byte for byte what was read: nothing the writer would spell differently.
        guard self.bytes == Array(text.utf8) else { return nil }
    }

    // Hashable by the signed bytes: two contents are the same result only if they sign the same.
    public static func == (a: ResultContent, b: ResultContent) -> Bool { a.bytes == b.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    private static func escape(_ value: String) -> String {
        // Most values hold nothing to escape.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ text: Substring) -> String? {
        var out = ""
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                switch scalar {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                default: return nil
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return escaped ? nil : out
    }
}

extension ResultContent {
    /// A person's result as agency `agency` issues it under `serial`, for the stamped 附件1 and
    /// certificate pages whose SHA-256 (hex) are given. The person must have an audit.
    public static func person(serial: Serial, agencyName: String, unit: String, person: Person,
                              assessment: PersonAssessment, registrationSHA256: String,
                              certificateSHA256: String) -> ResultContent {
        ResultContent(kind: .person, entries: [
            ("serial", serial.description),
            ("agency", serial.agency),
            ("agency_name", agencyName),
            ("year", String(assessment.year)),
            ("person_id", person.idNumber),
            ("person_name", person.name),
            ("unit", unit),
            ("hours_public", HoursFormat.string(assessment.publicHours)),
            ("hours_professional", HoursFormat.string(assessment.professionalHours)),
            ("hours_total", HoursFormat.string(assessment.totalHours)),
            ("hours_required", HoursFormat.string(assessment.requiredTotal)),
            ("verdict", assessment.verdict.word),
            ("reasons", assessment.verdict.reasonsText),
            ("date", person.audit?.date.description ?? ""),
            (digestKeys["registration"]!, registrationSHA256),
            (digestKeys["certificate"]!, certificateSHA256),
        ])
    }

    /// A unit's 附件2 as agency `agency` issues it under `serial`: the people's results (their
    /// serials, in roster order), the date of the last examination, and the stamped file's SHA-256.
    public static func roster(serial: Serial, agencyName: String, unit: String, date: CalendarDate,
                              passed: Int, failed: Int, results: some Sequence<Serial>,
                              annualAuditSHA256: String) -> ResultContent {
        ResultContent(kind: .roster, entries: [
            ("serial", serial.description),
            ("agency", serial.agency),
            ("agency_name", agencyName),
            ("year", String(serial.year)),
            ("unit", unit),
            ("date", date.description),
            ("passed", String(passed)),
            ("failed", String(failed)),
            ("results", listed(results)),
            (digestKeys["annual-audit"]!, annualAuditSHA256),
        ])
    }

    /// The serials separated by spaces, written into one string: a unit of 30,000 people lists
    /// some 500 KB, not to be held a second time as 30,000 strings (issue 18).
    private static func listed(_ serials: some Sequence<Serial>) -> String {
        var text = ""
        for serial in serials {
            if !text.isEmpty { text += " " }
            text += serial.description
        }
        return text
    }
}
