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
        let json = try? report.json()
        precondition(json?.isEmpty == false, "a check report could not be encoded as JSON")
    }
}

#if CEDOCS_FUZZ
/// libFuzzer's entry (scripts/fuzz.sh builds with `-sanitize=fuzzer -DCEDOCS_FUZZ`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    RecordsFuzz.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// libFuzzer's driver: SwiftPM names the executable's entry point after the module and links `main` to
/// it, so the entry hands over to libFuzzer rather than relying on libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("cedocs_records_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
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
