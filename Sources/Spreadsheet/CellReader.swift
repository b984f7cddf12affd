import Foundation
import Records

/// One cell → the JSON value its column asks for, or the sentence that tells the clerk what is wrong
/// with the cell. A value that cannot be read is still written (as the text found), so that the
/// records loader rejects the person as it would a bad records file; the message is this one.
enum CellReader {
    enum Reading {
        case value(OrderedJSON)
        /// `written` goes into the records; `message` replaces the loader's own.
        case problem(written: OrderedJSON, message: String)
    }

    static func read(_ content: CellContent, as column: Column) -> Reading {
        let text = self.text(content)
        switch column.value {
        case .text:
            return .value(.string(CellText.trim(text)))
        case .idNumber:
            guard case .text = content else {
                // A number: Excel keeps 15 significant digits, so the last digits of an 18-digit ID are gone.
                return .problem(written: .string(excelShown(text)),
                                message: "\(column.name)被保存为数字（\(excelShown(text))），Excel 只保留 15 位有效数字，末几位已丢失："
                                    + "请把这一列设置为“文本”格式后重新输入完整的号码")
            }
            let id = CellText.normalise(text).uppercased()
            if id.contains("E+") {
                return .problem(written: .string(id),
                                message: "\(column.name)显示为科学计数法（\(id)），已丢失末几位：请在 Excel 中把这一列设置为“文本”格式后重新输入完整的号码")
            }
            return .value(.string(id))
        case .date:
            if let date = CellDates.date(content) { return .value(.string(date.description)) }
            return .problem(written: .string(text),
                            message: "\(column.name)“\(text)”无法识别为日期，请写成 2016-03-01、2016/3/1、2016.3.1 或 2016年3月1日")
        case .yearMonth:
            if let month = CellDates.yearMonth(content) { return .value(.string(month.description)) }
            return .problem(written: .string(text), message: "\(column.name)“\(text)”无法识别为年月，请写成 1980-01 或 1980年1月")
        case .number, .integer:
            let literal = CellText.normalise(text)
            let isInteger: Bool = { if case .integer = column.value { true } else { false } }()
            if let number = Double(literal), number.isFinite, !literal.contains(where: { $0.isLetter }) {
                if isInteger, number != number.rounded() {
                    return .problem(written: .string(literal), message: "\(column.name)“\(literal)”应为整数")
                }
                return .value(.number(jsonNumber(number)))
            }
            return .problem(written: .string(literal), message: "\(column.name)“\(text)”应为\(isInteger ? "整数" : "数字")")
        case .choice(let options):
            if case .bool(let value) = content, options.contains(where: { $0.label == "是" }) {
                return .value(.bool(value))
            }
            let label = CellText.normalise(text)
            // The label picked from the drop-down, or the records' own value (`national`, `public`).
            if let option = options.first(where: { $0.label == label || rawValue($0.value) == label }) {
                return .value(option.value)
            }
            return .problem(written: .string(label),
                            message: "\(column.name)“\(label)”不是可选的值，应为：" + options.map(\.label).joined(separator: "、"))
        }
    }

    static func text(_ content: CellContent) -> String {
        switch content {
        case .text(let text), .number(let text): text
        case .bool(let value): value ? "TRUE" : "FALSE"
        }
    }

    /// A number as Excel's General format shows it: 11 significant digits past 99,999,999,999.
    private static func excelShown(_ literal: String) -> String {
        guard let number = Double(literal), abs(number) >= 1e11 else { return literal }
        return String(format: "%.5E", number)
    }

    /// Integral values without a fraction (`24`, not `24.0`); others as Swift writes the shortest.
    private static func jsonNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    private static func rawValue(_ value: OrderedJSON) -> String? {
        if case .string(let raw) = value { return raw }
        return nil
    }
}
