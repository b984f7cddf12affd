import Testing
@testable import Stamping

@Suite("Serials: agency code, year, sequence")
struct SerialTests {
    @Test("format and parse round-trip, six digits zero-padded")
    func roundTrip() throws {
        let serial = try #require(Serial(agency: "XZPX", year: 2016, sequence: 123))
        #expect(serial.description == "XZPX-2016-000123")
        #expect(Serial("XZPX-2016-000123") == serial)
        #expect(Serial("XZPX-2016-999999")?.sequence == 999_999)
    }

    @Test("malformed serials and codes are refused",
          arguments: ["XZPX-2016-123", "xzpx-2016-000123", "XZPX-16-000123", "X-2016-000001", "XZPX-2016-000000",
                      "XZPX2016000123", "XZPX-2016-000123-1", "9ZPX-2016-000001", "XZ PX-2016-000001", "XZPX-2016-00012３"])
    func malformed(text: String) {
        #expect(Serial(text) == nil)
    }

    @Test("found in a file's bytes, as a stamped PDF's keywords carry it")
    func findInBytes() {
        let bytes = Array("/Keywords (320302198001011239 XZPX-2016-000007)\n/Creator (cedocs)".utf8)
        #expect(Serial.find(in: bytes) == [Serial("XZPX-2016-000007")!])
        #expect(Serial.find(in: Array("no serial here 2016-000007".utf8)).isEmpty)
    }
}

@Suite("Masking: what verify shows of a person")
struct MaskingTests {
    @Test("names keep the first and last character",
          arguments: [("张卫东", "张*东"), ("李𠀾", "李*"), ("买买提·艾力", "买****力"), ("欧阳小明", "欧**明")])
    func names(name: String, masked: String) {
        #expect(Masking.name(name) == masked)
    }

    @Test("ID numbers keep the last four only: no region, no birth date")
    func idNumbers() {
        #expect(Masking.idNumber("320302198001011239") == "**************1239")
        #expect(Masking.idNumber("32032219720330345X") == "**************345X")
        #expect(Masking.idNumber("320302800101123") == "***********1123")
        #expect(Masking.idNumber("12345") == "*****")
    }
}
