import Foundation

/// An unnamed temporary file that collects output until it is complete (`check --json`): memory
/// stays flat, and nothing reaches standard output unless the whole of it is there.
final class Spool {
    private let handle: FileHandle

    init() throws(CheckJSON.Failure) {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-check.XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw CheckJSON.Failure(code: "output_failed", message: "无法创建临时文件（\(String(cString: strerror(errno)))）")
        }
        // Unlinked at once: the file lives as long as the descriptor, and no run leaves it behind.
        unlink(String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ bytes: Data) throws(CheckJSON.Failure) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw CheckJSON.Failure(code: "output_failed", message: "无法写入临时文件（\(error.localizedDescription)）")
        }
    }

    /// Everything written, from the start, to standard output, a megabyte at a time.
    func copyToStandardOutput() throws(CheckJSON.Failure) {
        do {
            try handle.seek(toOffset: 0)
            var pending: [UInt8] = []
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                pending += chunk
                // A chunk may end inside a character: that character waits for the next chunk.
                let whole = Self.completeCharacters(pending)
                Console.write(String(decoding: pending[..<whole], as: UTF8.self), to: .standardOutput, newline: false)
                pending.removeFirst(whole)
            }
        } catch {
            throw CheckJSON.Failure(code: "output_failed", message: "无法读回临时文件（\(error.localizedDescription)）")
        }
    }

    /// How many leading bytes of UTF-8 `bytes` end on a character boundary.
    static func completeCharacters(_ bytes: [UInt8]) -> Int {
        guard let lead = bytes.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return bytes.count }
        let length = bytes[lead] < 0x80 ? 1 : bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
        return lead + length <= bytes.count ? bytes.count : lead
    }
}
