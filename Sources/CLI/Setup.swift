import ArgumentParser
import Foundation
import Layout
import Pipeline
import Rules
import Records
import Render
import Spreadsheet

/// What every command needs before its work: the records, the fonts, the templates. Each failure
/// here makes the whole run unusable (exit status 2) and says what to do.
enum Setup {
    static func load(_ file: String) throws -> LoadedRecords {
        do {
            return try loadRecords(file)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// `-` is standard input. A workbook (.xlsx) or CSV (.csv) is converted on the fly, its problems
    /// placed in its cells.
    static func loadRecords(_ file: String, keepingProblems limit: Int = .max) throws(RecordsFileError) -> LoadedRecords {
        let url = URL(fileURLWithPath: file == "-" ? "/dev/stdin" : file)
        if let format = SpreadsheetFormat(fileName: file) {
            return try SpreadsheetImport.load(SpreadsheetImport.read(contentsOf: url), format: format,
                                              fileName: url.lastPathComponent, keepingProblems: limit)
        }
        return try RecordsLoader.load(contentsOf: url, keepingProblems: limit)
    }

    /// Fonts and templates, checked; a missing font or a broken template stops the run here.
    static func engine() throws -> (fonts: FontLibrary, templates: TemplateSet) {
        do {
            let resources = try Resources.locate()
            return (try FontLibrary(directory: resources.fonts), try TemplateSet(folder: resources.templates))
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// A renderer for the calling thread.
    static func renderer() throws -> DocumentRenderer {
        let (fonts, templates) = try engine()
        return DocumentRenderer(templates: templates, fonts: fonts)
    }

    static func batchRenderer(jobs: Int, engine rules: RulesEngine = RulesEngine()) throws -> BatchRenderer {
        let (fonts, templates) = try engine()
        return BatchRenderer(templates: templates, fonts: fonts, engine: rules, jobs: jobs)
    }

    static func report(_ problems: [RecordsProblem], to stream: Console.Stream) {
        for problem in problems {
            Console.write("\(problem.severity == .error ? "错误" : "警告")  \(problem.description)", to: stream)
        }
    }
}
