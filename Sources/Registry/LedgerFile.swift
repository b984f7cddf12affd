import Foundation
import Rules

/// The ledger (学时台账) as JSON: the `--ledger FILE` that `check`, `render` and `stamp` read, what
/// `cedocs registry ledger` writes, and each row's `entry` in the registry.
///
/// ```json
/// {"format": "cedocs/ledger/1",
///  "entries": [{"id_number": "320302198001011239", "year": 2016,
///               "own_public": 24, "own_professional": 72, "required_total": 72, "required_public": 24,
///               "pass": true, "reasons": [], "other_reasons": [],
///               "record_credits": [], "received": [],
///               "given": [{"reason": "carry_over", "source_year": 2016, "target_year": 2017,
///                          "kind": "advanced_seminar", "clause": "四(四)", "content": "心血管介入高级研修班",
///                          "subject": "professional", "hours": 72}]}]}
/// ```
/// `reason` is `carry_over` (四(二)(四)(五)(六)) or `diploma` (四(三)); `kind` and `subject` are the
/// records' values. `received` are the credits counted in the year; `record_credits` those its own
/// records claimed (a repeated degree record).
public enum LedgerFile {
    public static let format = "cedocs/ledger/1"

    struct Body: Codable {
        var format: String
        var entries: [LedgerYear]
    }

    public static func encode(_ ledger: Ledger) throws -> Data {
        try encoder.encode(Body(format: format, entries: ledger.entries))
    }

    /// The ledger in `data`, read from `name` (named in the error).
    public static func decode(_ data: Data, name: String) throws(RegistryError) -> Ledger {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch {
            throw RegistryError("学时台账 \(name) 无法读取（应为 \(format) 格式的 JSON）", error)
        }
        guard body.format == format else {
            throw RegistryError("学时台账 \(name) 的 format 为「\(body.format)」，应为「\(format)」")
        }
        return Ledger(body.entries)
    }

    /// The ledger a stamp judges earlier years by, given a `--ledger` file beside the agency's registry.
    ///
    /// The registry's ledger is the record: it holds the years the agency stamped, as it judged them.
    /// A file may only add years the registry does not hold (years stamped elsewhere, or before the
    /// registry kept a ledger); a year both hold must be the same entry, or the stamp is refused,
    /// naming each such year, before anything is rendered — a file never overrides what was stamped.
    /// The file's years are used for judging only, never recorded in the registry: the stamp records
    /// the years it stamps, as always.
    public static func merge(file: Ledger, name: String, into registry: Ledger) throws(RegistryError) -> Ledger {
        var differing: [String] = []
        for entry in file.entries {
            guard let held = registry.entry(idNumber: entry.idNumber, year: entry.year), held != entry else { continue }
            differing.append("\(entry.idNumber) \(entry.year)年度（登记库：\(held.verdict.word)，总学时 \(HoursFormat.string(held.totalHours))；"
                + "文件：\(entry.verdict.word)，总学时 \(HoursFormat.string(entry.totalHours))）")
        }
        guard differing.isEmpty else {
            throw RegistryError("学时台账 \(name) 与审验登记库的台账不一致：" + differing.joined(separator: "；")
                + "。登记库是已盖章年度的记录，文件不能改变它：请用 cedocs registry ledger 重新导出，或从文件中删去这些年度，本次未盖章")
        }
        return Ledger(file.entries.filter { registry.entry(idNumber: $0.idNumber, year: $0.year) == nil } + registry.entries)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ entry: LedgerYear) throws -> String {
        String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    /// A registry row's entry, that of `idNumber`'s `year` (named in the error).
    static func decodeEntry(_ text: String, idNumber: String, year: Int) throws(RegistryError) -> LedgerYear {
        do {
            return try JSONDecoder().decode(LedgerYear.self, from: Data(text.utf8))
        } catch {
            throw RegistryError("学时台账中 \(idNumber) \(year) 年度的记录已损坏（登记库可能被改动过）")
        }
    }
}
