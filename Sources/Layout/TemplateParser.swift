import Yams

/// A template that cannot be used, naming the file and the key.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Dotted path of the offending key, e.g. `sections[0].blocks[2].columns[1].width`.
    public var key: String
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        "模板 \(file)" + (key.isEmpty ? "" : " 的 \(key)") + "：\(message)"
    }
}

extension Template {
    /// Parses and checks a template's YAML text. `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(TemplateError) -> Template {
        let template: Template
        do {
            template = try YAMLDecoder().decode(Template.self, from: yaml)
        } catch let error as DecodingError {
            throw TemplateError(decoding: error, file: file)
        } catch let error as YamlError {
            throw TemplateError(file: file, key: "", message: "YAML 语法错误：\(error)")
        } catch {
            throw TemplateError(file: file, key: "", message: "\(error)")
        }
        try TemplateChecker(template: template, file: file).check()
        return template
    }
}

extension TemplateError {
    init(decoding error: DecodingError, file: String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { out, key in
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
        }
        switch error {
        case let .keyNotFound(key, context):
            self.init(file: file, key: path(context.codingPath + [key]), message: "缺少必需的键")
        case let .typeMismatch(type, context):
            self.init(file: file, key: path(context.codingPath), message: "类型不对，应为 \(type)")
        case let .valueNotFound(type, context):
            self.init(file: file, key: path(context.codingPath), message: "缺少值，应为 \(type)")
        case let .dataCorrupted(context):
            self.init(file: file, key: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(file: file, key: "", message: "\(error)")
        }
    }
}
