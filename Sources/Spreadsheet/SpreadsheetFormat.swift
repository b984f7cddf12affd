/// The spreadsheet files cedocs reads besides its own JSON, told by the file's extension or the
/// request's Content-Type.
public enum SpreadsheetFormat: String, Sendable {
    case xlsx
    case csv

    public static let xlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    public static let csvMediaType = "text/csv"

    /// `登记表.xlsx`, `roster.CSV`; nil for anything else (a records file).
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".xlsx") { self = .xlsx } else if lower.hasSuffix(".csv") { self = .csv } else { return nil }
    }

    /// The media type without parameters (`text/csv; charset=gbk` is `text/csv`).
    public init?(mediaType: String) {
        switch mediaType.lowercased() {
        case Self.xlsxMediaType: self = .xlsx
        case Self.csvMediaType: self = .csv
        default: return nil
        }
    }
}
