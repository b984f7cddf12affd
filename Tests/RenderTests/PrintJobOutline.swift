import Foundation

/// A print job's outline as Cairo writes it (uncompressed, titles in UTF-16BE hex): each entry's
/// title and the page (from 1) it points at.
enum PrintJobOutline {
    static func entries(_ pdf: URL) throws -> [(title: String, page: Int)] {
        let raw = try String(decoding: Data(contentsOf: pdf), as: UTF8.self)
        guard let kids = raw.firstMatch(of: #/\/Type \/Pages\s*\/Kids \[([^\]]*)\]/#)?.1 else { return [] }
        let pageObjects = kids.matches(of: #/(\d+) 0 R/#).map { Int($0.1)! }
        return raw.matches(of: #/\/Title <FEFF([0-9A-F]*)>[^>]*?\/Dest \[(\d+) 0 R/#).map { entry in
            let hex = Array(entry.1)
            let title = String(decoding: stride(from: 0, to: hex.count, by: 4).map { UInt16(String(hex[$0..<$0 + 4]), radix: 16)! },
                               as: UTF16.self)
            return (title: title, page: (pageObjects.firstIndex(of: Int(entry.2)!) ?? -1) + 1)
        }
    }
}
