import Yams

extension StoredConfiguration {
    /// The keys of service.yaml it does not know, each a problem at its path: a typo such as `limit:` or
    /// `per_minutes:` would otherwise leave a default in force without a word. The keys known are those
    /// the decoder reads (each part's CodingKeys).
    static func unknownKeys(in text: String) -> [ConfigurationProblem] {
        // Read after the decoder succeeded: the YAML is well-formed.
        guard let root = try? Yams.compose(yaml: text) else { return [] }
        var problems = unknown(in: root, at: "", of: CodingKeys.self)
        if let limits = root["limits"] { problems += unknown(in: limits, at: "limits", of: Limits.CodingKeys.self) }
        if let rate = root["verify_rate"] { problems += unknown(in: rate, at: "verify_rate", of: StoredVerifyRate.CodingKeys.self) }
        for (index, token) in (root["tokens"]?.sequence.map(Array.init) ?? []).enumerated() {
            problems += unknown(in: token, at: "tokens[\(index)]", of: Token.CodingKeys.self)
        }
        return problems
    }

    private static func unknown<Keys: CodingKey & CaseIterable>(in node: Node, at path: String,
                                                                of keys: Keys.Type) -> [ConfigurationProblem] {
        let known = Keys.allCases.map(\.stringValue)
        return (node.mapping?.keys.compactMap(\.string) ?? []).filter { !known.contains($0) }.map { key in
            ConfigurationProblem(key: path.isEmpty ? key : "\(path).\(key)",
                                 message: "未知的键（拼写有误？），此处可用的键为 \(known.joined(separator: "、"))")
        }
    }
}
