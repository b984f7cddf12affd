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
