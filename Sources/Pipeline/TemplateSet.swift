import Documents
import Foundation
import Layout

/// The three document templates, read and checked once per run.
public struct TemplateSet: Sendable {
    public let templates: [DocumentKind: Template]

    public init(folder: URL) throws(TemplateError) {
        var templates: [DocumentKind: Template] = [:]
        for kind in DocumentKind.allCases {
            let url = folder.appendingPathComponent(kind.templateFile)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw TemplateError(file: url.path, key: "", message: "文件不存在或不是 UTF-8 文本")
            }
            templates[kind] = try Template.parse(yaml: text, file: url.path)
        }
        self.templates = templates
    }

    public subscript(kind: DocumentKind) -> Template { templates[kind]! }
}
