import Archiving
import Documents
import Foundation
import Records
import Rules

/// 输入摘要: the SHA-256 of everything that decides a document's bytes, kept in the manifest so that
/// a later run skips a file whose input has not changed (same input, same bytes).
///
/// - the engine: cedocs' own executable (code, rules, version), every file under `fonts/`
///   (fonts.conf and the prepared faces), and the document's template file(s);
/// - a person's document: the person's record (`CanonicalText`), the unit's record, the year, and
///   for the certificate the photo's bytes;
/// - a unit's document (附件2, the print job): the records file's bytes, which hold every person.
///
/// Not covered: the system font packages fonts.conf also names (fonts-lxgw-wenkai, fonts-hanazono,
/// fonts-babelstone-han); after upgrading them, delete the archive's manifest entries' inputs by
/// rendering with `--force`.
public struct InputDigest: Sendable {
    let engine: String
    let templates: [DocumentKind: String]

    public init(resources: Resources, version: String) throws(ArchiveError) {
        var parts = ["cedocs \(version)"]
        guard let executable = FileDigest.measure(URL(fileURLWithPath: "/proc/self/exe")) else {
            throw ArchiveError("无法读取 cedocs 程序文件以计算输入摘要")
        }
        parts.append("exe \(executable.sha256)")
        for file in ResourceDigest.files(under: resources.fonts) {
            parts.append("font \(file.path) \(file.sha256)")
        }
        engine = FileDigest.sha256(Data(parts.joined(separator: "\n").utf8))
        var templates: [DocumentKind: String] = [:]
        for kind in DocumentKind.allCases {
            templates[kind] = FileDigest.measure(resources.templates.appendingPathComponent(kind.templateFile))?.sha256 ?? ""
        }
        self.templates = templates
    }

    /// What all of a person's documents are made from: the person's record, the unit's, the year, and
    /// with a ledger (`assessment.historyConsidered`) the credits from earlier years it counts and the
    /// standing of its 聘任周期 (the cycle's hours so far, which the documents may print).
    func person(_ text: RecordText, _ assessment: PersonAssessment) -> String {
        let history = assessment.historyConsidered
            ? ["ledger"] + assessment.credits.map(assessment.creditLine) + (assessment.cycle.map { [$0.explanation] } ?? []) : []
        return digest(["person", text.year, text.unit, text.person] + history)
    }

    /// What an agency stamped a person's documents from (StampMark.record): the record alone, the
    /// engine aside, so that only a change of the record itself asks for a new stamp.
    static func record(_ text: RecordText) -> String {
        FileDigest.sha256(Data(["record", text.year, text.unit, text.person].joined(separator: "\u{1F}").utf8))
    }

    /// A person's record and the unit's as `CanonicalText`, the year beside: written out once per person
    /// (the unit's once per run) and hashed into both digests above — encoding a record costs more than
    /// hashing it.
    struct RecordText: Sendable {
        let year: String
        let unit: String
        let person: String

        /// `unit`: the unit's record as `RecordText.unit(of:)` writes it.
        init(_ person: Person, year: Int, unit: String) {
            self.year = String(year)
            self.unit = unit
            self.person = CanonicalText.of(person)
        }

        static func unit(of records: RecordsFile) -> String { CanonicalText.of(records.unit) }
    }

    /// What an agency stamped a unit's 附件2 from: its people's records (each `record`), in order,
    /// digested as a run collects them rather than kept until the roster is made.
    struct RosterInput {
        private var running = FileDigest.Running()

        init(of records: RecordsFile) {
            feed(["roster", String(records.year), CanonicalText.of(records.unit)].joined(separator: "\u{1F}"))
        }

        mutating func add(_ record: String) { feed("\u{1F}" + record) }

        var digest: String { running.finish().sha256 }

        private mutating func feed(_ text: String) {
            var text = text
            text.withUTF8 { running.update(UnsafeRawBufferPointer($0)) }
        }
    }

    /// One of a person's documents (`person`: the person's digest above); `extra` adds what else the
    /// document shows (a photo's digest, a stamp).
    func document(_ kind: DocumentKind, person: String, extra: [String] = []) -> String {
        digest(["document", kind.rawValue, templates[kind]!, person] + extra)
    }

    /// A unit's document made from the whole records file (`recordsFile`: its bytes' SHA-256) through
    /// the templates of `kinds`.
    func unit(_ name: String, kinds: [DocumentKind], recordsFile: String) -> String {
        digest(["unit", name, recordsFile] + kinds.map { templates[$0]! })
    }

    private func digest(_ parts: [String]) -> String {
        FileDigest.sha256(Data(([engine] + parts).joined(separator: "\u{1F}").utf8))
    }
}
