/// Any key a template's YAML mapping holds, so that the ones the format does not know can be named.
struct TemplateKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses a key this entry of a template does not have. Every setting has a default, so a typo
    /// such as `max_row_heigth` would otherwise fall back to it without a word; records refuse
    /// unknown keys in the same way.
    func onlyKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type, and extra: [String] = []) throws {
        let allowed = Keys.allCases.map(\.stringValue) + extra
        guard let unknown = try container(keyedBy: TemplateKey.self).allKeys
            .first(where: { !allowed.contains($0.stringValue) }) else { return }
        throw DecodingError.dataCorrupted(.init(
            codingPath: codingPath + [unknown],
            debugDescription: "未知的键“\(unknown.stringValue)”，此处可用的键为 \(allowed.sorted().joined(separator: "、"))"))
    }
}
