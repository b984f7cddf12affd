import Foundation
import Layout
import Testing
import TestSupport

@Suite("Templates are data, checked with the file and the key named")
struct TemplateTests {
    static let minimal = """
        name: t
        title: 测试
        page: { size: A4, margins: [20, 20, 20, 20] }
        styles:
          body: { role: song, size: 10.5 }
          label: { role: hei, size: 10.5 }
        sections:
          - blocks:
              - type: grid
                columns: [50, 120]
                rows:
                  - height: 9
                    cells:
                      - { text: 姓名, style: label }
                      - { field: person.name }
        """

    @Test("the project's three templates parse and pass the checks", arguments: ["registration", "annual-audit", "certificate"])
    func shipped(name: String) throws {
        let url = Repository.templates.appendingPathComponent("\(name).yaml")
        let template = try Template.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(template.name == name)
    }

    @Test("a minimal template parses")
    func minimal() throws {
        let template = try Template.parse(yaml: Self.minimal, file: "t.yaml")
        #expect(template.page.size == Size(width: 210, height: 297))
        #expect(template.minFontSize == 7)
    }

    @Test("broken templates name the file and the key", arguments: [
        ("columns: [50, 120]", "columns: [50, 100]", "sections[0].blocks[0].columns", "版心宽"),
        ("style: label }", "style: heading }", "sections[0].blocks[0].rows[0].cells[0].style", "heading"),
        ("height: 9", "height: nine", "sections[0].blocks[0].rows[0].height", "类型不对"),
        ("type: grid", "type: chart", "sections[0].blocks[0].type", "chart"),
        ("size: A4", "size: B9", "page.size", "B9"),
        ("{ field: person.name }", "{ field: person.name, span: 2 }", "sections[0].blocks[0].rows[0].cells[1]", "超出"),
        ("{ text: 姓名, style: label }", "{ text: 姓名, style: label, colour: red }",
         "sections[0].blocks[0].rows[0].cells[0].colour", "未知的键“colour”"),
        ("type: grid", "type: grid\n        max_row_heigth: 20", "sections[0].blocks[0].max_row_heigth", "columns、rows、type"),
        ("title: 测试", "title: 测试\nmin_font_sise: 6", "min_font_sise", "min_font_size"),
        ("margins: [20, 20, 20, 20] }", "margins: [20, 20, 20, 20], orientaton: landscape }", "page.orientaton", "orientation"),
    ])
    func broken(from: String, to: String, key: String, words: String) {
        let yaml = Self.minimal.replacingOccurrences(of: from, with: to)
        #expect(yaml != Self.minimal)
        do {
            _ = try Template.parse(yaml: yaml, file: "broken.yaml")
            Issue.record("a broken template was accepted: \(to)")
        } catch {
            #expect(error.file == "broken.yaml")
            #expect(error.key == key)
            #expect(error.description.contains(words), "\(error.description)")
        }
    }

    @Test("a misspelt setting of a shipped template is refused, not replaced by its default")
    func misspeltSetting() throws {
        let url = Repository.templates.appendingPathComponent("annual-audit.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
        let typo = yaml.replacingOccurrences(of: "max_row_height: 20", with: "max_row_heigth: 20")
        #expect(typo != yaml)
        do {
            _ = try Template.parse(yaml: typo, file: "annual-audit.yaml")
            Issue.record("a misspelt key was accepted")
        } catch {
            #expect(error.key == "sections[0].blocks[3].max_row_heigth")
            #expect(error.description.contains("max_row_height"), "\(error.description)")
        }
    }

    @Test("a missing key is named")
    func missingKey() {
        let yaml = Self.minimal.replacingOccurrences(of: "title: 测试\n", with: "")
        #expect(throws: TemplateError(file: "m.yaml", key: "title", message: "缺少必需的键")) {
            try Template.parse(yaml: yaml, file: "m.yaml")
        }
    }
}
