extension Person {
    /// How documents, reports and messages name a person: `张卫东（320302198001011239）`.
    public var subject: String { Self.subject(name: name, idNumber: idNumber) }

    /// The same for a record that may lack either (a person the loader refused).
    public static func subject(name: String?, idNumber: String?) -> String {
        "\(name ?? "（无姓名）")（\(idNumber ?? "无身份号码")）"
    }
}
