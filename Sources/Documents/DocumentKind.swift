import Foundation

/// The documents cedocs produces, with the template each is laid out from and its fixed file name.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// 附件1 电子登记表, one per person.
    case registration
    /// 附件2 年度审验表, one per unit.
    case annualAudit = "annual-audit"
    /// 继续教育证书 pages, one set per person.
    case certificate
    /// 审验结果 sheet, one per person an agency stamps: verdict, hours, serial and the QR code to verify.
    case result
    /// 抽检名单, one per spot-check draw from an archive (`cedocs archive sample`).
    case spotCheck = "sample"

    /// The template under `templates/`.
    public var templateFile: String { "\(rawValue).yaml" }
    /// The output file: fixed ASCII, nothing from the data.
    public var fileName: String { "\(rawValue).pdf" }

    /// The output file in `folder`, named as a file: Foundation then does not ask the disk whether it
    /// is a folder, once for every document of a run.
    public func file(in folder: URL) -> URL { folder.appendingPathComponent(fileName, isDirectory: false) }

    /// How the document is called on paper.
    public var chineseName: String {
        switch self {
        case .registration: return "电子登记表"
        case .annualAudit: return "年度审验表"
        case .certificate: return "继续教育证书"
        case .result: return "继续教育审验结果"
        case .spotCheck: return "抽检名单"
        }
    }
}
