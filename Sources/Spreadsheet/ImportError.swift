import Records

/// A spreadsheet that cannot be read at all (not a workbook, no sheet 人员, bigger than allowed):
/// exit status 2, like a records file that cannot be used.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var fileName: String
    public var message: String
    /// Set when the sheet lists more people than this (`SpreadsheetImport.Limits.people`).
    public var peopleLimit: Int?

    static func unusable(_ fileName: String, _ message: String) -> ImportError {
        ImportError(fileName: fileName, message: message)
    }

    /// As the loader's error for a whole file, so that every command reports both the same way.
    public var recordsError: RecordsFileError {
        var error = RecordsFileError(fileName: fileName, problems: [
            RecordsProblem(severity: .error, path: peopleLimit == nil ? "$" : "people", message: message, place: fileName),
        ])
        error.peopleLimit = peopleLimit
        return error
    }

    public var description: String { "文件 \(fileName) 无法使用：\(message)" }
}
