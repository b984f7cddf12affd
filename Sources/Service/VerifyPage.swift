import Foundation
import Hummingbird

/// The page a phone shows after scanning a result's QR code, or a browser after typing a serial: the
/// same two levels as the JSON. Without proof, the serial's state and a field for the check code;
/// with it, the verdict in large type and the facts with the person's name and ID number masked.
/// Plain HTML, no script, no outside resources; every value escaped.
enum VerifyPage {
    static func response(_ result: VerifyResult) -> Response {
        let facts = result.result ?? [:]
        let labels: [(String, String)] = [
            ("serial", "审验编号"), ("agency_name", "审验机构"), ("year", "审验年度"), ("person_name", "姓名"),
            ("person_id", "公民身份号码"), ("unit", "工作单位"), ("hours_total", "合计学时"), ("hours_public", "公共科目学时"),
            ("hours_professional", "专业科目学时"), ("hours_required", "应修学时"), ("verdict", "审验结论"),
            ("reasons", "原因"), ("passed", "合格人数"), ("failed", "不合格人数"), ("date", "审验日期"),
        ]
        let rows = labels.compactMap { key, label -> String? in
            guard let value = key == "serial" ? result.serial : facts[key], !value.isEmpty else { return nil }
            return "<tr><th>\(label)</th><td>\(escape(value))</td></tr>"
        }
        let title: String
        let tone: Tone
        switch result.status {
        case "genuine": (title, tone) = ("审验结果真实有效", .good)
        case "valid": (title, tone) = ("审验编号有效", .plain)
        case "superseded": (title, tone) = ("审验结果已作废", .bad)
        default: (title, tone) = ("审验结果无效", .bad)
        }
        // Without proof, the way to earn it: the check code printed under the QR code. A wrong code
        // comes back to this same page.
        let form = result.proof == .none && ["valid", "superseded"].contains(result.status) ? """
            <form method="get" action="\(escape(result.serial))">
            <p><label>校验码（见结果单二维码下方）<br><input name="code" maxlength="32" autocomplete="off" placeholder="XXXX-XXXX"></label>
            <button type="submit">查看审验结果</button></p>
            </form>
            """ : ""
        let note = result.proof == .none ? "未核对校验码或二维码时只告知编号是否有效，不显示个人信息" : "姓名与身份号码已部分隐去"
        return page(status: .ok, headers: [:], title: title, tone: tone, lead: result.message,
                    body: "<table>\n\(rows.joined(separator: "\n"))\n</table>\n\(form)", note: note)
    }

    static func response(_ error: ServiceError) -> Response {
        let title = error.status == .tooManyRequests ? "查询过于频繁" : "审验结果无效"
        return page(status: error.status, headers: error.headers, title: title, tone: .bad, lead: error.message,
                    body: "", note: "")
    }

    private enum Tone {
        case good, plain, bad

        var colour: String {
            switch self {
            case .good: return "#1a7f37"
            case .plain: return "#222"
            case .bad: return "#b42318"
            }
        }
    }

    private static func page(status: HTTPResponse.Status, headers: HTTPFields, title: String, tone: Tone, lead: String,
                             body: String, note: String) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>继续教育审验结果查询</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; color: \(tone.colour); }
            table { border-collapse: collapse; } th, td { text-align: left; padding: .3em .8em .3em 0; }
            th { color: #555; font-weight: normal; }
            input, button { font-size: 1.1em; margin-top: .3em; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p>\(escape(lead))</p>
            \(body)
            <p><small>徐州市专业技术人员继续教育年度验审\(note.isEmpty ? "" : " · " + note)</small></p>
            </body>
            </html>

            """
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
