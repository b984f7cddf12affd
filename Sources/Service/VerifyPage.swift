import Foundation
import Hummingbird
import WebPages

/// The page a phone shows after scanning a result's QR code, or a browser after typing a serial on
/// `/verify`: the same two levels as the JSON, in the look of the other pages (issue 17: 5). Without
/// proof, the serial's state and a field for the check code; with it, the verdict in large type and
/// the facts with the person's name and ID number masked. No script, nothing from outside; every value escaped.
struct VerifyPage {
    let answer: WebAnswer

    struct Content {
        struct Row {
            var label: String
            var value: String
        }

        var title: String
        /// `good`, `plain`, `bad`: the heading's colour.
        var tone: String
        var lead: String?
        var rows: [Row] = []
        var hasRows = false
        var serial = ""
        /// The check-code form for a serial that was issued.
        var askCode = false
        /// The serial-and-code form of `/verify`.
        var askSerial = false
        var note: String?
    }

    static let frame = WebPages.Frame(title: "审验结果查询")

    /// `/verify` before anything is typed: the serial and check-code form.
    func form() -> Response {
        answer.html(.ok, .verify, Content(title: "查询审验结果", tone: "plain",
                                          lead: "输入结果单上的审验编号和二维码下方的校验码；扫描二维码可直接查看。",
                                          askSerial: true, note: "未核对校验码或二维码时只告知编号是否有效，不显示个人信息"),
                    frame: Self.frame)
    }

    func response(_ result: VerifyResult) -> Response {
        let facts = result.result ?? [:]
        let labels: [(String, String)] = [
            ("serial", "审验编号"), ("agency_name", "审验机构"), ("year", "审验年度"), ("person_name", "姓名"),
            ("person_id", "公民身份号码"), ("unit", "工作单位"), ("hours_total", "合计学时"), ("hours_public", "公共科目学时"),
            ("hours_professional", "专业科目学时"), ("hours_required", "应修学时"), ("verdict", "审验结论"),
            ("reasons", "原因"), ("passed", "合格人数"), ("failed", "不合格人数"), ("date", "审验日期"),
        ]
        let rows = labels.compactMap { key, label -> Content.Row? in
            guard let value = key == "serial" ? result.serial : facts[key], !value.isEmpty else { return nil }
            return Content.Row(label: label, value: value)
        }
        let title: String
        let tone: String
        switch result.status {
        case "genuine": (title, tone) = ("审验结果真实有效", "good")
        case "valid": (title, tone) = ("审验编号有效", "plain")
        case "superseded": (title, tone) = ("审验结果已作废", "bad")
        default: (title, tone) = ("审验结果无效", "bad")
        }
        // Without proof, the way to earn it: the check code printed under the QR code. A wrong code
        // comes back to this same page.
        let askCode = result.proof == .none && ["valid", "superseded"].contains(result.status)
        let note = result.proof == .none ? "未核对校验码或二维码时只告知编号是否有效，不显示个人信息" : "姓名与身份号码已部分隐去"
        return answer.html(.ok, .verify, Content(title: title, tone: tone, lead: result.message, rows: rows,
                                                 hasRows: !rows.isEmpty, serial: result.serial, askCode: askCode, note: note),
                           frame: Self.frame)
    }

    /// A refusal (no such serial, too many queries), with the form to try another serial.
    func response(_ error: ServiceError, serial: String) -> Response {
        let title = error.status == .tooManyRequests ? "查询过于频繁" : "审验结果无效"
        var headers = error.headers
        headers[.contentType] = nil
        return answer.html(error.status, .verify, Content(title: title, tone: "bad", lead: error.message, serial: serial,
                                                          askSerial: error.status != .tooManyRequests),
                           frame: Self.frame, headers: headers)
    }
}
