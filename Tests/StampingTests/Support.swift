import Foundation
import Records
import Rules
@testable import Stamping

/// A fresh empty folder for one test.
func temporaryFolder(_ name: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("cedocs-stamping-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// 张卫东 of the example, examined on 2017-02-10, with 24 public and 50 professional hours.
func examinedPerson(name: String = "张卫东") -> (Person, PersonAssessment) {
    let person = Person(idNumber: "320302198001011239", name: name, level: .intermediate, activities: [],
                        audit: Audit(agency: "徐州市职业技术培训中心", date: CalendarDate(iso: "2017-02-10")!))
    let assessment = PersonAssessment(year: 2016, level: .intermediate, activities: [], publicHours: 24,
                                      professionalHours: 50, totalHours: 74, requiredTotal: 72, requiredPublic: 24,
                                      verdict: .pass, errors: [], warnings: [])
    return (person, assessment)
}

func content(serial: String = "XZPX-2016-000123", name: String = "张卫东") -> ResultContent {
    let (person, assessment) = examinedPerson(name: name)
    return ResultContent.person(serial: Serial(serial)!, agencyName: "徐州市职业技术培训中心", unit: "徐州市第一人民医院",
                                person: person, assessment: assessment,
                                registrationSHA256: String(repeating: "a", count: 64),
                                certificateSHA256: String(repeating: "b", count: 64))
}

/// Bytes of a PNG's signature and IHDR chunk with the given colour type: enough for the seal check.
func pngHeader(colourType: UInt8) -> Data {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    bytes += Array("IHDR".utf8) + [0, 0, 0, 64, 0, 0, 0, 64, 8, colourType, 0, 0, 0] + [0, 0, 0, 0]
    return Data(bytes)
}
