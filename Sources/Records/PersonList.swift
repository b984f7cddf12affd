/// 人员名单: the valid people of a records file, in file order.
///
/// A loaded file keeps only where each person's record lies in it and decodes the record again when
/// the person is asked for, so a unit of any size is worked through one person at a time and never
/// sits in memory as a whole. Decoding again can only fail if the file was edited in place meanwhile.
/// Records already in memory and of bounded size (an import, an HTTP request) keep their people
/// decoded instead: their bytes cannot change, and decoding them again would cost a fifth of a check.
public struct PersonList: Sendable {
    private let storage: Storage

    private enum Storage: Sendable {
        /// Each person with the warnings its validation found (none for people built in code).
        case decoded([Person], warnings: [[RecordsProblem]]?)
        case encoded(Encoded)
    }

    private struct Encoded: Sendable {
        let bytes: RecordsBytes
        /// Each valid person's bytes, and its index in the file's `people`.
        let ranges: [Range<Int>]
        let sourceIndices: [Int]
        /// Each valid person's 公民身份号码, as checked.
        let idNumbers: PackedStrings
        let year: Int
        /// The unit's 聘任周期, each person's unless the person gives one.
        let unitCycle: AppointmentCycle?
    }

    /// People built in memory.
    public init(_ people: [Person]) {
        storage = .decoded(people, warnings: nil)
    }

    /// People the loader decoded and checked, with their warnings.
    init(checked people: [Person], warnings: [[RecordsProblem]]) {
        storage = .decoded(people, warnings: warnings)
    }

    init(bytes: RecordsBytes, ranges: [Range<Int>], sourceIndices: [Int], idNumbers: PackedStrings, year: Int,
         unitCycle: AppointmentCycle?) {
        storage = .encoded(Encoded(bytes: bytes, ranges: ranges, sourceIndices: sourceIndices, idNumbers: idNumbers,
                                   year: year, unitCycle: unitCycle))
    }

    public var count: Int {
        switch storage {
        case .decoded(let people, _): people.count
        case .encoded(let encoded): encoded.ranges.count
        }
    }

    public var indices: Range<Int> { 0..<count }

    /// Every person's 公民身份号码, in order, without decoding anyone again: whose earlier years
    /// (学时台账) a run reads from the registry.
    public var idNumbers: [String] {
        switch storage {
        case .decoded(let people, _): people.map(\.idNumber)
        case .encoded(let encoded): Array(encoded.idNumbers)
        }
    }
    public var isEmpty: Bool { count == 0 }

    /// The `index`th valid person, decoded and checked again from the file.
    public func person(at index: Int) throws(RecordsChangedError) -> Person {
        try checked(at: index).person
    }

    /// The `index`th valid person with what its validation found (warnings only: the person is
    /// valid), so that a report does not have to keep every person's warnings from the load.
    public func checked(at index: Int) throws(RecordsChangedError) -> (person: Person, problems: [RecordsProblem]) {
        switch storage {
        case .decoded(let people, let warnings):
            return (people[index], warnings?[index] ?? [])
        case .encoded(let encoded):
            let source = encoded.sourceIndices[index]
            let changed = RecordsChangedError(fileName: encoded.bytes.fileName, path: "people[\(source)]")
            guard let bytes = encoded.bytes.read(encoded.ranges[index]),
                  let node = try? JSONParser.parse(bytes) else { throw changed }
            var registry = PersonValidator.Registry()
            var log = ProblemLog(personIndex: source)
            guard let person = PersonValidator.validate(node, index: source, year: encoded.year,
                                                        unitCycle: encoded.unitCycle, registry: &registry,
                                                        log: &log).person else { throw changed }
            return (person, log.problems)
        }
    }

    /// Every person at once: for the few callers with a bounded number of people (an HTTP request).
    public func all() throws(RecordsChangedError) -> [Person] {
        var people: [Person] = []
        people.reserveCapacity(count)
        for index in indices { people.append(try person(at: index)) }
        return people
    }
}

/// The records file was edited in place while cedocs was working through it: a person read at the
/// start no longer reads the same.
public struct RecordsChangedError: Error, Sendable, CustomStringConvertible {
    public var fileName: String
    /// `people[i]`
    public var path: String

    public var description: String {
        "记录文件 \(fileName) 在处理期间被修改，\(path) 已无法按原样读取：请不要在生成过程中编辑记录文件，改好后重新运行"
    }
}
