import Records

/// 四(九)2 "同时获得成果及专利的项目，只能就一方认定学时".
///
/// "The same project" = the same `params.project` string, or, for an activity without one, the same
/// `content` (trimmed). Among the audit year's counted award, acceptance and patent activities of one
/// project only the one with the most hours counts (the first on a tie); the others get 0 with a
/// warning. A project is recognised once, so two patents or two awards of one project also count once.
enum SameProject {
    static func apply(_ rule: SameProjectRule, clausePrefix: String, activities: [Activity],
                      results: inout [RecognisedHours]) {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, activity) in activities.enumerated()
        where rule.kinds.contains(activity.kind) && results[index].counted && results[index].hours > 0 {
            let key = projectKey(activity, param: rule.keyParam)
            guard !key.isEmpty else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        for key in order {
            guard let members = groups[key], members.count > 1 else { continue }
            // max(by:) keeps the last of equal maxima; scan by hand to keep the first.
            var winner = members[0]
            for index in members.dropFirst() where results[index].hours > results[winner].hours + Hours.epsilon {
                winner = index
            }
            for index in members where index != winner {
                let other = "《\(activities[winner].content)》（activities[\(winner)]）"
                let note = "与\(other)为同一项目，成果与专利只能就一方认定，按学时较高的一方认定，"
                    + "本项不认定学时（\(clausePrefix)\(rule.clause)）"
                results[index].hours = 0
                results[index].explanation += "；" + note
                results[index].warnings.append("与\(other)为同一项目，只按学时较高的一方认定，本项不认定学时")
            }
        }
    }

    private static func projectKey(_ activity: Activity, param: String) -> String {
        if case .string(let project)? = activity.params.other[param] {
            let trimmed = trim(project)
            if !trimmed.isEmpty { return trimmed }
        }
        return trim(activity.content)
    }

    private static func trim(_ s: String) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
