import Foundation

/// Records files made in the test, deterministic, with as many people and activities as a case needs.
public enum Samples {
    /// Valid 公民身份号码 for person `n` (GB 11643 check character computed).
    public static func idNumber(_ n: Int, birth: String = "19800101", male: Bool = true) -> String {
        let sequence = String(format: "%03d", (n % 500) * 2 + (male ? 1 : 0))
        let region = String(320300 + (n / 500) % 99)
        let first17 = region + birth + sequence
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return first17 + String(check)
    }

    public static func activity(content: String = "专业技术人员继续教育公需科目", subject: String = "public",
                                hours: Int = 24, day: Int = 1) -> [String: Any] {
        let date = String(format: "2016-03-%02d", max(1, min(28, day)))
        return ["subject": subject, "kind": "distance_learning", "content": content, "start": date, "end": date,
                "hours": hours, "provider": "徐州市专业技术人员继续教育网", "assessment": "合格",
                "params": ["approved_hours": hours]]
    }

    public static func person(_ n: Int, name: String? = nil, activities: [[String: Any]]? = nil,
                              audit: Bool = false) -> [String: Any] {
        var person: [String: Any] = [
            "id_number": idNumber(n), "name": name ?? "测试\(n)", "level": "中级", "title": "工程师",
            "activities": activities ?? [activity(), activity(content: "专业课程", subject: "professional", hours: 48, day: 2)],
        ]
        if audit { person["audit"] = ["agency": "徐州市职业技术培训中心", "date": "2017-02-10"] }
        return person
    }

    public static func records(people: [[String: Any]], unit: String = "徐州市测试单位") -> [String: Any] {
        ["schema": "cedocs/records/1", "year": 2016,
         "unit": ["name": unit, "nature": "事业单位", "authority": "徐州市测试主管部门", "district": "市直"],
         "people": people]
    }

    /// The records of `year` of one 高级 person (`id`) for the tests across years: a 24-hour public course,
    /// and with `seminar` a 20-day 专业高级研修班 (240 hours, 144 recognised, 72 carried to the next year);
    /// examined by the agency early the next year.
    public static func seminarYear(_ year: Int, seminar: Bool, id: String) -> [String: Any] {
        var activities: [[String: Any]] = [[
            "subject": "public", "kind": "distance_learning", "content": "专业技术人员职业道德",
            "start": "\(year)-03-01", "end": "\(year)-03-31", "hours": 24, "assessment": "合格",
            "params": ["approved_hours": 24],
        ]]
        if seminar {
            activities.append(["subject": "professional", "kind": "advanced_seminar", "content": "心血管介入高级研修班",
                               "start": "\(year)-05-01", "end": "\(year)-05-20", "params": ["days": 20]])
        }
        var file = records(people: [["id_number": id, "name": "王立新", "level": "高级", "title": "主任医师",
                                     "activities": activities,
                                     "audit": ["agency": "徐州市职业技术培训中心", "date": "\(year + 1)-02-10"]]])
        file["year"] = year
        return file
    }

    /// A 高级 person's records of `year` in the unit's 聘任周期 2016–2018: 0 hours in 2016, 56 public and
    /// 144 professional in 2017, 16 public in 2018; audited early the next year. `hoursOf`: the
    /// activities of that year instead, dated in `year`.
    public static func cycleYear(_ year: Int, hoursOf shape: Int? = nil, id: String) -> [String: Any] {
        var activities: [[String: Any]] = []
        let shape = shape ?? year
        let publicHours = [2017: 56, 2018: 16][shape] ?? 0
        if publicHours > 0 {
            activities.append(["subject": "public", "kind": "distance_learning", "content": "专业技术人员公需科目",
                               "start": "\(year)-03-01", "end": "\(year)-03-31", "assessment": "合格",
                               "params": ["approved_hours": publicHours]])
        }
        if shape == 2017 {
            activities.append(["subject": "professional", "kind": "base_training", "content": "心血管专业培训班",
                               "start": "\(year)-06-01", "end": "\(year)-06-30", "params": ["approved_hours": 144]])
        }
        let person: [String: Any] = ["id_number": id, "name": "王立新", "level": "高级", "title": "主任医师",
                                     "activities": activities,
                                     "audit": ["agency": "徐州市职业技术培训中心", "date": "\(year + 1)-02-10"]]
        var file = records(people: [person])
        file["year"] = year
        var unit = file["unit"] as! [String: Any]
        unit["appointment_cycle"] = ["first_year": 2016, "years": 3]
        file["unit"] = unit
        return file
    }

    /// Writes a records file into `folder` and returns its URL.
    public static func write(_ records: [String: Any], to folder: URL, name: String = "records.json") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: records, options: [.sortedKeys]).write(to: url)
        return url
    }
}
