import Archiving
import Bytes
import Crypto
import Foundation
import Spreadsheet

/// A unit's checked records sent to its district's agency from the unit's page (提交审验机构): who sent
/// them and when, with the counts the agency's list shows. One per unit and year: a new submission
/// replaces the last.
struct Submission: Codable, Sendable {
    /// The file stem under which it is kept (`Submissions.key`).
    var key: String
    var unit: String
    var district: String
    var year: Int
    var people: Int
    var passing: Int
    var failing: Int
    /// The name of the token that submitted (as in the log of stamp requests), and when.
    var submittedBy: String
    var submittedAt: Date
    /// The file's name as the clerk uploaded it, and its format (`xlsx`, `csv`; nil: a records file, JSON).
    var fileName: String
    var format: String?
    /// The last stamp of these records (nil: not stamped yet; a new submission starts unstamped).
    var stamp: Stamp?

    /// Who stamped, when, and what came of it; the stamped ZIP is kept beside (`<key>.stamped.zip`).
    struct Stamp: Codable, Sendable {
        /// The name of the agency's token, as in the log of stamp requests.
        var stampedBy: String
        var stampedAt: Date
        /// Results issued (people and the unit's 附件2), and people or tables left unstamped.
        var issued: Int
        var skipped: Int
    }
}

/// The submissions, on disk in their own folder (`submissions/` beside the log of stamp requests), so
/// that a restart keeps them: `<key>.records` (the bytes as uploaded), `<key>.json` (the rest) and,
/// once stamped, `<key>.stamped.zip`, each replaced whole and synced (AtomicFile, as the archive's
/// files are), the records (or the ZIP) first.
struct Submissions: Sendable {
    let folder: URL

    static func key(unit: String, year: Int) -> String {
        Hex.lower(SHA256.hash(data: Data("\(unit)\n\(year)".utf8)).prefix(12))
    }

    func keep(_ submission: Submission, records: Data) throws(ServiceError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // The last stamp was of the records this submission replaces.
            try? FileManager.default.removeItem(at: file(submission.key, "stamped.zip"))
            try AtomicFile.write(records, to: file(submission.key, "records"))
            try write(submission)
        } catch {
            throw .internalError("提交未能保存在服务器上，请稍后重试；如一再出现，请联系管理员。")
        }
    }

    /// A submission stamped: its stamped ZIP kept first, then its state.
    func stamped(_ submission: Submission, zip: Data, _ stamp: Submission.Stamp) throws(ServiceError) {
        var submission = submission
        submission.stamp = stamp
        do {
            try AtomicFile.write(zip, to: file(submission.key, "stamped.zip"))
            try write(submission)
        } catch {
            throw .internalError("盖章已完成并已登记，但盖章文件未能保存在服务器上：请再次盖章（编号不变）；如一再出现，请联系管理员。")
        }
    }

    /// The ZIP of a submission's last stamp.
    func stampedZip(_ submission: Submission) throws(ServiceError) -> Data {
        guard submission.stamp != nil, let data = try? Data(contentsOf: file(submission.key, "stamped.zip")) else {
            throw .notFound("单位“\(submission.unit)”的这份提交还没有盖章，没有可下载的盖章文件。")
        }
        return data
    }

    private func write(_ submission: Submission) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(encoder.encode(submission), to: file(submission.key, "json"))
    }

    /// Every submission kept, the latest first.
    func all() -> [Submission] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { submission(String($0.dropLast(".json".count))) }
            .sorted { $0.submittedAt > $1.submittedAt }
    }

    func submission(_ key: String) -> Submission? {
        guard key.allSatisfy(\.isHexDigit), let data = try? Data(contentsOf: file(key, "json")) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Submission.self, from: data)
    }

    /// The records of a submission, as they were uploaded.
    func records(_ submission: Submission) throws(ServiceError) -> RecordsInput.Body {
        guard let data = try? Data(contentsOf: file(submission.key, "records")) else {
            throw .notFound("找不到单位“\(submission.unit)”提交的记录，请单位重新提交。")
        }
        return RecordsInput.Body(data: data, format: submission.format.flatMap(SpreadsheetFormat.init(rawValue:)))
    }

    private func file(_ key: String, _ ext: String) -> URL {
        folder.appendingPathComponent("\(key).\(ext)")
    }
}
