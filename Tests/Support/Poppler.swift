import Foundation

/// Reads real PDFs with poppler-utils, as a person's PDF viewer would.
public enum Poppler {
    /// The text of the whole document, or of one page (1-based), with `-layout`.
    public static func text(_ pdf: URL, page: Int? = nil) throws -> String {
        var arguments = ["-layout", "-enc", "UTF-8"]
        if let page { arguments += ["-f", String(page), "-l", String(page)] }
        return try Command.run("pdftotext", arguments + [pdf.path, "-"]).stdout
    }

    /// The text of each page, in order.
    public static func pages(_ pdf: URL) throws -> [String] {
        try text(pdf).components(separatedBy: "\u{0C}").dropLast().map { $0 }
    }

    public static func pageCount(_ pdf: URL) throws -> Int {
        let info = try Command.run("pdfinfo", [pdf.path]).stdout
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    public static func info(_ pdf: URL) throws -> [String: String] {
        let lines = try Command.run("pdfinfo", [pdf.path]).stdout.split(separator: "\n")
        var out: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    public struct Font: Sendable {
        public var name: String
        public var embedded: Bool
        public var subset: Bool
    }

    /// `pdffonts`: every font the PDF uses, and whether it is embedded and subset.
    public static func fonts(_ pdf: URL) throws -> [Font] {
        let lines = try Command.run("pdffonts", [pdf.path]).stdout.split(separator: "\n").dropFirst(2)
        return lines.map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type… encoding emb sub uni object ID: the flags are the 5th–3rd columns from the end.
            let n = columns.count
            return Font(name: String(columns[0]), embedded: columns[n - 5] == "yes", subset: columns[n - 4] == "yes")
        }
    }

    /// Words with their boxes on page `page`, from `pdftotext -bbox`.
    public struct Word: Sendable {
        public var text: String
        public var xMin: Double, yMin: Double, xMax: Double, yMax: Double
    }

    public static func words(_ pdf: URL, page: Int) throws -> [Word] {
        let html = try Command.run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf.path, "-"]).stdout
        var words: [Word] = []
        for line in html.split(separator: "\n") where line.contains("<word ") {
            func attribute(_ name: String) -> Double {
                guard let range = line.range(of: "\(name)=\"") else { return 0 }
                let rest = line[range.upperBound...]
                return Double(rest.prefix { $0 != "\"" }) ?? 0
            }
            guard let open = line.firstIndex(of: ">"), let close = line.range(of: "</word>") else { continue }
            let text = String(line[line.index(after: open)..<close.lowerBound])
            words.append(Word(text: text, xMin: attribute("xMin"), yMin: attribute("yMin"),
                              xMax: attribute("xMax"), yMax: attribute("yMax")))
        }
        return words
    }
}

extension String {
    /// The text without any white space (pdftotext spaces CJK text by its positions, not as typed).
    public var compact: String { String(unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }
}
