import Foundation

// cedocs-bench-data: writes a synthetic records file for the benchmark. Deterministic: the same
// arguments give the same bytes. Realistic on purpose: names with rare characters (生僻字) and minority
// names with the middle dot, long unit names, 6–12 activities per person of every common kind.
//
//   cedocs-bench-data --people 10000 --out bench.json [--seed 1] [--audited]

struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
        // SplitMix64: tiny, fast, and the same on every machine.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"]
let given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
             "平", "刚", "桂英", "卫东", "建国", "晓燕", "海波", "志强", "文博", "思远"]
let rare = ["𠀾", "䶮", "𡈽", "𪛖", "𫖯", "堃", "喆", "淼", "昇", "璟"]
let minority = ["买买提·艾力", "阿依古丽·买买提", "热合曼·吐尔逊", "古丽娜尔·艾山", "扎西·多吉"]
let titles: [(String, String)] = [("主治医师", "中级"), ("副主任医师", "高级"), ("主任医师", "高级"), ("医师", "初级"),
                                  ("护师", "初级"), ("主管护师", "中级"), ("工程师", "中级"), ("高级工程师", "高级"),
                                  ("助理工程师", "初级"), ("会计师", "中级"), ("经济师", "中级"), ("讲师", "中级")]
let majors = ["临床医学", "护理学", "土木工程", "机械设计制造及其自动化", "会计学", "计算机科学与技术", "药学", "电气工程及其自动化"]
let courses = ["专业技术人员创新能力建设读本", "专业技术人员职业道德与诚信建设", "专业技术人员心理健康与压力管理",
               "“互联网+”时代的专业技术人员能力提升——理论与实践"]
let meetings = ["中华医学会心血管病学分会第十八次全国学术会议", "江苏省医学会急诊医学分会学术年会暨新进展学习班",
                "徐州市护理学会年度学术交流会", "全国建筑结构抗震设计与加固技术研讨会（2016）"]
let trainings = ["急危重症护理技术培训班", "BIM技术在工程管理中的应用研修班", "新《预算法》及政府会计改革专题培训班",
                 "医院感染预防与控制规范化培训班"]
let papers = ["冠心病介入治疗术后双联抗血小板疗程的临床观察", "基于物联网的城市供水管网漏损监测方法研究",
              "护理干预对老年髋部骨折患者术后谵妄的影响", "高层建筑深基坑支护结构的变形分析"]

var arguments = CommandLine.arguments.dropFirst()
var people = 1000
var out = "bench.json"
var seed: UInt64 = 1
var audited = false
while let flag = arguments.popFirst() {
    switch flag {
    case "--people": people = Int(arguments.popFirst() ?? "") ?? people
    case "--out": out = arguments.popFirst() ?? out
    case "--seed": seed = UInt64(arguments.popFirst() ?? "") ?? seed
    case "--audited": audited = true
    default:
        FileHandle.standardError.write(Data("usage: cedocs-bench-data --people N --out FILE [--seed S] [--audited]\n".utf8))
        exit(2)
    }
}

var random = Generator(state: seed)

func idNumber(_ n: Int, birth: (Int, Int, Int), male: Bool) -> String {
    let region = 320300 + (n / 999) % 90
    let sequence = (n % 500) * 2 + (male ? 1 : 0)
    let first17 = String(format: "%06d%04d%02d%02d%03d", region, birth.0, birth.1, birth.2, sequence)
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}

func date(_ month: Int, _ day: Int) -> String { String(format: "2016-%02d-%02d", month, day) }

func activities(_ random: inout Generator) -> [[String: Any]] {
    var list: [[String: Any]] = []
    // Two public courses of 12 hours each: the 24 of 公共科目.
    for i in 0..<2 {
        let month = random.int(1...10)
        list.append(["subject": "public", "kind": "distance_learning", "content": courses[(i + random.int(0...3)) % 4],
                     "form": "远程教育", "start": date(month, 1), "end": date(month, 28), "hours": 12,
                     "provider": "徐州市专业技术人员继续教育网", "assessment": "合格", "params": ["approved_hours": 12]])
    }
    let count = random.int(6...12) - 2
    for _ in 0..<count {
        let month = random.int(1...11)
        let day = random.int(1...20)
        switch random.int(0...3) {
        case 0:
            let days = random.int(1...3)
            list.append(["subject": "professional", "kind": "academic_meeting", "content": random.pick(meetings),
                         "start": date(month, day), "end": date(month, day + days - 1), "hours": days * 12,
                         "provider": "中华医学会", "assessment": "合格", "params": ["days": days, "scope": "national"]])
        case 1:
            let days = random.int(1...2)
            list.append(["subject": "professional", "kind": "institute_training", "content": random.pick(trainings),
                         "form": "培训班", "start": date(month, day), "end": date(month, day + days - 1),
                         "hours": days * 8, "provider": "徐州医科大学", "assessment": "合格", "params": ["days": days]])
        case 2:
            list.append(["subject": "professional", "kind": "paper", "content": random.pick(papers),
                         "start": date(month, day), "end": date(month, day), "hours": 12,
                         "provider": "《江苏医药》", "params": ["level": "issn_cn"]])
        default:
            let taught = random.int(2...6)
            list.append(["subject": "professional", "kind": "teaching", "content": "继续教育基地授课：" + random.pick(trainings),
                         "start": date(month, day), "end": date(month, day), "hours": taught * 2,
                         "provider": "徐州市继续教育基地", "assessment": "合格", "params": ["taught_hours": taught]])
        }
    }
    return list
}

var records: [[String: Any]] = []
for n in 0..<people {
    let male = random.int(0...1) == 1
    let birth = (random.int(1960...1995), random.int(1...12), random.int(1...28))
    let name: String
    switch random.int(0...19) {
    case 0: name = random.pick(minority)
    case 1, 2: name = random.pick(surnames) + random.pick(rare)
    default: name = random.pick(surnames) + random.pick(given)
    }
    let (title, level) = random.pick(titles)
    var person: [String: Any] = [
        "id_number": idNumber(n, birth: birth, male: male), "name": name, "gender": male ? "男" : "女",
        "birth": String(format: "%04d-%02d", birth.0, birth.1), "title": title, "level": level,
        "education": random.pick(["本科", "硕士研究生", "大专", "博士研究生"]), "major": random.pick(majors),
        "field": random.pick(majors), "activities": activities(&random),
    ]
    // Two in three examined, as mid-way through an audit season; everyone with --audited (the stamp scenario).
    if audited || n % 3 != 0 { person["audit"] = ["agency": "徐州市职业技术培训中心", "date": "2017-02-10"] }
    records.append(person)
}

let file: [String: Any] = [
    "schema": "cedocs/records/1", "year": 2016,
    "unit": ["name": "徐州市卫生和计划生育委员会直属第一人民医院（徐州医科大学附属第一临床医学院）",
             "nature": "事业单位", "authority": "徐州市卫生和计划生育委员会", "district": "市直"],
    "people": records,
]
let data = try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys])
try data.write(to: URL(fileURLWithPath: out))
print("wrote \(out): \(people) people, \(data.count) bytes")
