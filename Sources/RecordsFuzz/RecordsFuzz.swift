import Foundation
import Reports
import Records
import Rules

/// One input through everything a records file meets before layout: parsing, validation, the rules
/// and the JSON of `cedocs check`. Any trap is a finding; a refused file is the expected answer.
enum RecordsFuzz {
    static func run(_ data: Data) {
        guard let loaded = try? RecordsLoader.load(data: data, fileName: "fuzz.json") else { return }
        guard let report = try? CheckReport(loaded) else { return }
        // Every number in a report is finite and in range, so the report always encodes.
        precondition(!report.json().isEmpty, "a check report could not be encoded as JSON")
    }
}

#if CEDOCS_FUZZ
/// libFuzzer's entry (scripts/fuzz.sh builds with `-sanitize=fuzzer -DCEDOCS_FUZZ`; libFuzzer has the main).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    RecordsFuzz.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#else
/// Without libFuzzer: runs the files named on the command line through the same path, to replay a
/// finding (`swift run cedocs-records-fuzz crash-…`).
@main
struct ReplayFuzzInputs {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                continue
            }
            RecordsFuzz.run(data)
            print("ok \(path)")
        }
    }
}
#endif
