import Foundation
import ZIPFoundation

/// The parts of an XLSX file (a ZIP of XML parts), each read whole with its size capped while it is
/// inflated: the sizes a ZIP's directory states can lie (a ZIP bomb), so the bytes are counted as
/// they come and reading stops at the cap, whatever the directory said.
struct WorkbookParts {
    private let archive: Archive
    private let fileName: String
    /// Bytes inflated so far, across all parts, and the most allowed.
    private var inflated = 0
    let limit: Int

    init(_ data: Data, fileName: String, limit: Int) throws(ImportError) {
        guard let archive = try? Archive(data: data, accessMode: .read) else {
            throw .unusable(fileName, "文件不是有效的 XLSX 工作簿（无法作为 ZIP 打开）；如果是旧版 .xls，请在 Excel 中另存为 .xlsx")
        }
        self.archive = archive
        self.fileName = fileName
        self.limit = limit
    }

    /// A part by its path in the ZIP (`xl/workbook.xml`), whole; nil when absent.
    mutating func read(_ path: String) throws(ImportError) -> Data? {
        var data = Data()
        return try stream(path) { data.append(contentsOf: $0) } ? data : nil
    }

    /// A part's bytes handed to `each` in pieces as they are inflated, none kept; false when the part is absent.
    mutating func stream(_ path: String, _ each: (UnsafeRawBufferPointer) -> Void) throws(ImportError) -> Bool {
        guard let entry = archive[path] else { return false }
        var total = inflated
        let limit = self.limit
        let tooLarge = ImportError.unusable(fileName, "工作簿解压后超过 \(limit >> 20) MB 的上限（\(path)）：请分批提交或检查文件是否损坏")
        do {
            _ = try archive.extract(entry, bufferSize: Self.pieceSize, skipCRC32: false) { chunk in
                total += chunk.count
                guard total <= limit else { throw tooLarge }
                chunk.withUnsafeBytes(each)
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .unusable(fileName, "工作簿中的 \(path) 已损坏，无法解压（\(error)）")
        }
        inflated = total
        return true
    }

    /// Inflated a quarter of a megabyte at a time: few calls into the parser, little memory.
    private static let pieceSize = 256 << 10
}
