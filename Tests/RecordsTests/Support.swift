import Foundation
import Testing
@testable import Records

/// Builders of small records files: a valid file by default, each test changing one thing.
enum Fixture {
    typealias Object = [String: Any]

    /// `examples/example.json` of the package, found from this file so that tests run from anywhere.
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/example.json")

    static var unit: Object { ["name": "徐州市第一人民医院", "nature": "事业单位", "authority": "徐州市卫生和计划生育委员会"] }

    static func activity(_ changes: Object = [:], removing: [String] = []) -> Object {
        var a: Object = ["subject": "professional", "kind": "institute_training", "content": "急危重症护理技术培训班",
                         "start": "2016-06-06", "end": "2016-06-07", "hours": 16, "params": ["days": 2]]
        a.merge(changes) { $1 }
        for key in removing { a[key] = nil }
        return a
    }

    static func person(_ changes: Object = [:], id: String = "320302198001011239", removing: [String] = []) -> Object {
        var p: Object = ["id_number": id, "name": "张卫东", "level": "中级", "activities": [activity()]]
        p.merge(changes) { $1 }
        for key in removing { p[key] = nil }
        return p
    }

    static func file(people: [Any] = [person()], _ changes: Object = [:], removing: [String] = []) -> Data {
        var f: Object = ["schema": "cedocs/records/1", "year": 2016, "unit": unit, "people": people]
        f.merge(changes) { $1 }
        for key in removing { f[key] = nil }
        return try! JSONSerialization.data(withJSONObject: f, options: [.prettyPrinted, .sortedKeys])
    }

    static func text(_ json: String) -> Data { Data(json.utf8) }

    /// Loads a file that must be usable as a whole.
    static func load(_ data: Data) throws -> LoadedRecords {
        try RecordsLoader.load(data: data, fileName: "test.json")
    }

    /// Loads a file that must be unusable, and returns its problems.
    static func fileProblems(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> [RecordsProblem] {
        do {
            let loaded = try RecordsLoader.load(data: data, fileName: "test.json")
            Issue.record("expected RecordsFileError, loaded \(loaded.records.people.count) people", sourceLocation: sourceLocation)
            return []
        } catch {
            #expect(error.fileName == "test.json", sourceLocation: sourceLocation)
            return error.problems
        }
    }

    /// Loads a file with one person and returns that person's problems (the person may be valid).
    static func personProblems(_ p: Object, sourceLocation: SourceLocation = #_sourceLocation) throws -> [RecordsProblem] {
        let loaded = try load(file(people: [p]))
        #expect(loaded.records.people.count + loaded.rejected.count == 1, sourceLocation: sourceLocation)
        return loaded.problems
    }
}

extension Array where Element == RecordsProblem {
    var errors: [RecordsProblem] { filter { $0.severity == .error } }
    var warnings: [RecordsProblem] { filter { $0.severity == .warning } }

    /// The problems at `path`.
    func at(_ path: String) -> [RecordsProblem] { filter { $0.path == path } }
}
