import Foundation
import Testing
@testable import Records

/// The people limit of a load (the service's `limits.people`): counted while the file is read.
@Suite struct PeopleLimitTests {
    @Test func atTheLimitTheFileLoads() throws {
        let loaded = try RecordsLoader.load(data: Fixture.file(people: [Fixture.person(), 1, 1]), fileName: "test.json",
                                            peopleLimit: 3)
        #expect(loaded.records.people.count == 1 && loaded.rejected.count == 2)
    }

    @Test func onePastTheLimitIsRefusedAtPeople() throws {
        let error = #expect(throws: RecordsFileError.self) {
            try RecordsLoader.load(data: Fixture.file(people: [Fixture.person(), 1, 1, 1]), fileName: "test.json",
                                   peopleLimit: 3)
        }
        #expect(error?.peopleLimit == 3)
        #expect(error?.problems.map(\.path) == ["people"])
        #expect(error?.problems.first?.message.contains("3 人") == true)
    }

    /// The parse stops where the first person past the limit begins: what follows is never read, not
    /// even a syntax error in it.
    @Test func nothingPastTheLimitIsRead() throws {
        let text = String(decoding: Fixture.file(people: [1, 1]), as: UTF8.self)
        let broken = text.replacingOccurrences(of: "1,", with: "1, {\"broken\": ").replacingOccurrences(of: "\n", with: " ")
        #expect(broken.contains("{\"broken\""))
        let error = #expect(throws: RecordsFileError.self) {
            try RecordsLoader.load(data: Data(broken.utf8), fileName: "test.json", peopleLimit: 1)
        }
        #expect(error?.peopleLimit == 1)
        // Without a limit the same file is a syntax error.
        let unlimited = #expect(throws: RecordsFileError.self) {
            try RecordsLoader.load(data: Data(broken.utf8), fileName: "test.json")
        }
        #expect(unlimited?.peopleLimit == nil)
    }
}
