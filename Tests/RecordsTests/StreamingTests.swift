import Foundation
import Testing
@testable import Records

/// A records file is read a person at a time: its members in any order, each person decoded again
/// from the file when asked for, and an edit made meanwhile noticed rather than rendered.
@Suite("records read one person at a time")
struct StreamingTests {
    private func write(_ data: Data, _ name: String = #function) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cedocs-streaming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("records.json")
        try data.write(to: url)
        return url
    }

    private let twoPeople = [Fixture.person(), Fixture.person(["name": "李𠀾"], id: "320303199107152348")]

    @Test func membersInAnyOrderGiveTheSamePeople() throws {
        // JSONSerialization's sorted keys put `people` first; a hand-written file puts it last.
        let peopleFirst = try RecordsLoader.load(contentsOf: write(Fixture.file(people: twoPeople)))
        let people = String(decoding: try JSONSerialization.data(withJSONObject: twoPeople), as: UTF8.self)
        let unit = String(decoding: try JSONSerialization.data(withJSONObject: Fixture.unit), as: UTF8.self)
        let text = "{\"schema\": \"cedocs/records/1\", \"year\": 2016,\n \"unit\": \(unit),\n \"people\": \(people)}"
        let peopleLast = try RecordsLoader.load(contentsOf: write(Data(text.utf8)))
        #expect(try peopleFirst.records.people.all() == peopleLast.records.people.all())
        #expect(try peopleLast.records.people.all().map(\.name) == ["张卫东", "李𠀾"])
        #expect(peopleLast.sourceIndices == [0, 1])
    }

    @Test func aRejectedPersonKeepsTheOthersAndTheirIndices() throws {
        let bad = Fixture.person(["level": "特级"], id: "320304198502020011")
        let loaded = try RecordsLoader.load(contentsOf: write(Fixture.file(people: [bad] + twoPeople)))
        #expect(loaded.rejected.map(\.index) == [0])
        #expect(loaded.sourceIndices == [1, 2])
        #expect(try loaded.records.people.person(at: 1).name == "李𠀾")
        // The numbers a run reads the ledger by, kept packed: the valid people's, in order.
        #expect(loaded.records.people.idNumbers == ["320302198001011239", "320303199107152348"])
        #expect(loaded.records.people.idNumbers == (try loaded.records.people.all().map(\.idNumber)))
    }

    @Test func aSecondPeopleMemberIsADuplicateKey() {
        let text = "{\"schema\": \"cedocs/records/1\", \"year\": 2016, \"unit\": {\"name\": \"x\"}, \"people\": [], \"people\": []}"
        #expect(Fixture.fileProblems(Fixture.text(text)).at("people").first?.message == "字段\"people\"重复出现，只能写一次")
    }

    @Test func aSyntaxErrorInsideALaterPersonIsPlaced() {
        let text = "{\"schema\": \"cedocs/records/1\", \"year\": 2016,\n\"people\": [\n{\"name\": \"甲\"},\n{\"name\": \"乙\" \"level\": \"中级\"}]}"
        let message = Fixture.fileProblems(Fixture.text(text)).first?.message ?? ""
        #expect(message.hasPrefix("第 4 行第 14 列附近：JSON 语法错误"), "\(message)")
    }

    @Test func aFileEditedInPlaceMeanwhileIsNoticedPerPerson() throws {
        let url = try write(Fixture.file(people: twoPeople))
        let loaded = try RecordsLoader.load(contentsOf: url)
        // Overwrite the first person's ID number in place (same file, same length).
        var bytes = try Data(contentsOf: url)
        let id = Data("320302198001011239".utf8)
        let at = try #require(bytes.range(of: id))
        bytes.replaceSubrange(at, with: Data("32030219800101123X".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: bytes)
        try handle.close()

        #expect(throws: RecordsChangedError.self) { try loaded.records.people.person(at: 0) }
        do {
            _ = try loaded.records.people.person(at: 0)
        } catch {
            #expect(error.description.contains("people[0]"))
            #expect(error.description.contains("在处理期间被修改"))
        }
        #expect(try loaded.records.people.person(at: 1).name == "李𠀾")
    }

    @Test func aFileReplacedMeanwhileStillReadsAsLoaded() throws {
        let url = try write(Fixture.file(people: twoPeople))
        let loaded = try RecordsLoader.load(contentsOf: url)
        // How editors save: a new file renamed over the old one. The open file is still the old one.
        let replacement = url.deletingLastPathComponent().appendingPathComponent("new.json")
        try Fixture.file(people: [Fixture.person(["name": "王五"])]).write(to: replacement)
        #expect(rename(replacement.path, url.path) == 0)
        #expect(try loaded.records.people.all().map(\.name) == ["张卫东", "李𠀾"])
    }
}
