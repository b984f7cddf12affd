import Archiving
import ArgumentParser
import Foundation
import Records
import Spreadsheet

/// `cedocs template xlsx`: the workbook a unit fills in.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the workbook a unit fills in (登记表.xlsx), empty or filled from a records file.",
        discussion: """
            Sheets 单位, 人员 (a person a row), 继续教育 (an activity a row) and 填表说明; drop-down lists for \
            every closed set (their lists on the hidden sheet 选项), the ID columns formatted as text, the \
            header rows frozen. The kinds and the columns each needs come from the rules in force. With \
            --from, the workbook holds that file's unit and people, and imports back to the same records.
            """
    )

    enum Kind: String, ExpressibleByArgument {
        case xlsx
    }

    @Argument(help: "The kind of template: xlsx.")
    var kind: Kind

    @Option(name: .shortAndLong, help: "The workbook to write.")
    var output: String

    @Option(help: "Fill the workbook with the unit and people of this records file.")
    var from: String?

    func run() throws {
        var year: Int?, unit: EmployerUnit?, people: [Person] = []
        if let from {
            let loaded = try Setup.load(from)
            Setup.report(loaded.problems.filter(\.isError), to: .standardError)
            (year, unit) = (loaded.records.year, loaded.records.unit)
            do {
                people = try loaded.records.people.all()
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
        do {
            let data = try TemplateWorkbook.data(year: year, unit: unit, people: people)
            try AtomicFile.write(data, to: URL(fileURLWithPath: output))
        } catch {
            Console.error("无法写出登记表 \(output)：\(error)")
            throw ExitCode(2)
        }
        Console.out("已写入 \(output)" + (from == nil ? "" : "（\(people.count) 人）"))
    }
}
