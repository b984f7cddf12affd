/// A person's name and ID number as verification shows them (and the archive's manifest and spot-check
/// sheets keep them): enough to match the paper in hand, not enough to learn who someone is (个人信息保护).
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

    /// 320302198001011239 → **************1239: the last four characters only, the rest one `*` each.
    ///
    /// Why this rule (个人信息保护法: as little as the purpose needs): the person checking their own
    /// result knows their number and recognises its last four next to their masked name, as banks and
    /// railway tickets show it. The first six are the place of registration and the next eight the
    /// date of birth; with the last digits they narrow a person down to a few people, so neither is
    /// shown. (Birth year + last two would tell everyone the person's age.) A value too short to be an
    /// ID number is hidden whole.
    public static func idNumber(_ id: String) -> String {
        let characters = Array(id)
        guard characters.count >= 10 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 4) + String(characters.suffix(4))
    }
}
