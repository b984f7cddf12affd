import ArgumentParser

/// What every command that writes documents into an archive is told: the records, where to write, and
/// how much to say.
struct OutputOptions: ParsableArguments {
    @Argument(help: "The records file (cedocs/records/1 JSON).")
    var file: String

    @Option(name: .shortAndLong, help: "The output folder (the archive).")
    var out: String

    @Flag(help: "Also write every page as PNG beside its PDF.")
    var png = false

    @Option(help: "Resolution of the PNG previews.")
    var dpi: Double = 100

    @Flag(name: .shortAndLong, help: "Print only problems (no progress).")
    var quiet = false
}
