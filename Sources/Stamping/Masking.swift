/// A person's name and ID number as `cedocs verify` shows them to anyone who asks: enough to match
/// the paper in hand, not enough to learn who someone is (个人信息保护).
public enum Masking {
    /// 张卫东 → 张*东; 李𠀾 → 李*; 买买提·艾力 → 买****力. One `*` per hidden character.
    public static func name(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0, 1: return name
        case 2: return String(characters[0]) + "*"
        default:
            return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters.last!)
        }
    }

    /// 320302198001011239 → 3203**********1239: the province and city, and the last four.
    public static func idNumber(_ id: String) -> String {
        let characters = Array(id)
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8)
            + String(characters.suffix(4))
    }
}
