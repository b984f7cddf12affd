import Foundation
import Hummingbird

/// The page a phone shows after scanning a result's QR code: the verdict on the result in large
/// type, then its facts with the person's name and ID number masked. Plain HTML, no script, no
/// outside resources; every value escaped.
enum VerifyPage {
    static func response(_ result: VerifyResult) -> Response {
        let facts = result.result ?? [:]
        let labels: [(String, String)] = [
            ("serial", "审验编号"), ("agency_name", "审验机构"), ("year", "审验年度"), ("person_name", "姓名"),
            ("person_id", "公民身份号码"), ("unit", "工作单位"), ("hours_total", "合计学时"), ("hours_public", "公共科目学时"),
            ("hours_professional", "专业科目学时"), ("hours_required", "应修学时"), ("verdict", "审验结论"),
            ("reasons", "原因"), ("passed", "合格人数"), ("failed", "不合格人数"), ("date", "审验日期"),
        ]
        var rows = labels.compactMap { key, label -> String? in
            guard let value = key == "serial" ? result.serial : facts[key], !value.isEmpty else { return nil }
            return "<tr><th>\(label)</th><td>\(escape(value))</td></tr>"
        }
        if let code = result.checkCode { rows.append("<tr><th>校验码</th><td>\(escape(code))</td></tr>") }
        let good = result.status == "genuine"
        return page(status: .ok, title: good ? "审验结果真实有效" : "审验结果无效", good: good,
                    lead: result.message, table: rows.joined(separator: "\n"))
    }

    static func response(_ error: ServiceError) -> Response {
        page(status: error.status, title: "审验结果无效", good: false, lead: error.message, table: "")
    }

    private static func page(status: HTTPResponse.Status, title: String, good: Bool, lead: String,
                             table: String) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>继续教育审验结果查询</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; color: \(good ? "#1a7f37" : "#b42318"); }
            table { border-collapse: collapse; } th, td { text-align: left; padding: .3em .8em .3em 0; }
            th { color: #555; font-weight: normal; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p>\(escape(lead))</p>
            <table>
            \(table)
            </table>
            <p><small>徐州市专业技术人员继续教育年度验审 · 姓名与身份号码已部分隐去</small></p>
            </body>
            </html>

            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
