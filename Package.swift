// swift-tools-version: 6.0
import PackageDescription

// The modules, inner to outer, as README.md ("The code") draws them: Records → Rules → Reports;
// Layout → Documents and Render; Pipeline joins them with Stamping, Registry and Archiving; Service and
// CLI are the outer ring. Cairo and Pango are reached from Render only, libqrencode from QRCodes only,
// libxml2 from Spreadsheet only; the few other C calls live in the small C modules named for them
// (CDeflateLevel, CSafeMapping, CLinuxFiles, CBuildInfo). Bytes (hex, base64url, pread) is beneath them all.
// Linux only.
let package = Package(
    name: "cedocs",
    products: [
        .executable(name: "cedocs", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // The HTTP service (issue 6).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The city-wide registry on PostgreSQL (issue 16).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Metrics in the Prometheus text format (issue 19: 3).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The pages for clerks in a browser (issue 17), rendered on the server.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig1-dev"])]
        ),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libxml2's SAX2 push parser: the XML parts of a workbook, parsed as they are inflated (Spreadsheet only).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // A guard against SIGBUS when a mapped records file is cut short while it is read.
        .target(name: "CSafeMapping"),
        // Hex, base64url and the pread loop: one of each for every module (no dependencies, so that
        // Records and the fuzz target stay small).
        .target(name: "Bytes"),
        .target(name: "Records", dependencies: ["Bytes", "CSafeMapping"]),
        .target(name: "Rules", dependencies: ["Records"]),
        .target(name: "Layout", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Documents", dependencies: ["Records", "Rules", "Layout"]),
        // Render links CDeflateLevel, so every binary that draws PDFs (cedocs and the test bundles)
        // deflates Cairo's streams at the same level and writes the same bytes.
        .target(name: "Render", dependencies: ["CPangoCairo", "CDeflateLevel", "Layout"]),
        // Text to QR modules (libqrencode): stamping encodes a result's URL before anything is laid out.
        .target(name: "QRCodes", dependencies: ["CQREncode", "Layout"]),
        // The archive (issue 5): manifest and journal, check, export as ZIP, spot-check sampling.
        // O_TMPFILE and syncfs(2) for the archive (GNU declarations Swift's Glibc module lacks).
        .systemLibrary(name: "CLinuxFiles"),
        // malloc_trim(3) and mallopt(3): a run gives back what loading freed before its threads start, and
        // the process keeps one malloc arena per core (issue 18, point 4).
        .systemLibrary(name: "CMallocTrim"),
        .target(
            name: "Archiving",
            dependencies: ["Bytes", "CLinuxFiles", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The audit agency's side (issue 4): profiles, keys, serials, what is signed, verification.
        .target(
            name: "Stamping",
            dependencies: [
                "Bytes", "Records", "Rules",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The register of issued results (SQLite); outer ring, like Archiving.
        .target(name: "Registry", dependencies: ["Stamping", .product(name: "GRDB", package: "GRDB.swift"),
                                                .product(name: "PostgresNIO", package: "postgres-nio"),
                                                .product(name: "NIOPosix", package: "swift-nio"),
                                                .product(name: "Logging", package: "swift-log")]),
        // The report of `cedocs check` and /v1/check (re-exported by Pipeline): Records and Rules only, so the
        // fuzz target builds without the rest.
        .target(name: "Reports", dependencies: ["Records", "Rules"]),
        // Spreadsheets units keep (issue 14): the fill-in workbook, and XLSX and CSV read into records
        // with every problem at its cell. Beside Reports: Records and Rules only, ZIPFoundation and libxml2.
        .target(name: "Spreadsheet",
                dependencies: ["Bytes", "Records", "Rules", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "Pipeline",
            dependencies: ["Bytes", "Records", "Rules", "Reports", "Documents", "Layout", "Render", "QRCodes", "Archiving",
                           "Stamping", "Registry", "CMallocTrim"]
        ),
        // The pages for people in a browser (issue 17): Mustache templates and their CSS, kept as Swift strings so
        // the binary carries them (no resource bundle to install); knows nothing of HTTP or of the pipeline.
        .target(name: "WebPages", dependencies: [.product(name: "Mustache", package: "swift-mustache")]),
        // The HTTP service (issue 6): the outer ring, calls Pipeline; nothing depends on it but the CLI.
        .target(
            name: "Service",
            dependencies: [
                "Bytes", "Records", "Rules", "Documents", "Pipeline", "Stamping", "Registry", "Spreadsheet", "WebPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        // How Cairo's PDF streams are deflated (libdeflate), for every binary that links Render (see deflate_level.c).
        .target(name: "CDeflateLevel", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("deflate")]),
        // The git commit `cedocs --version` names, written by scripts/build-info.sh ("unknown" without it).
        .target(name: "CBuildInfo"),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Bytes", "Records", "Rules", "Documents", "Layout", "Render", "Archiving", "Pipeline", "Stamping", "Registry",
                "Service", "Spreadsheet", "CBuildInfo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The libFuzzer target of records parsing, validation, rules and check-report JSON (scripts/fuzz.sh);
        // a plain build makes it a replayer of saved inputs. Not part of the product.
        .executableTarget(name: "cedocs-records-fuzz", dependencies: ["Records", "Rules", "Reports"],
                          path: "Sources/RecordsFuzz"),
        // Synthetic records for the benchmark (scripts/bench.sh); not part of the product.
        .executableTarget(name: "cedocs-bench-data", path: "Sources/BenchData"),
        .testTarget(name: "BytesTests", dependencies: ["Bytes"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Records"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "Records", "Rules", "Reports", "TestSupport",
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"]),
        .target(name: "TestSupport", dependencies: ["Records", "Render", "Registry"], path: "Tests/Support"),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "Render", "TestSupport"]),
        .testTarget(name: "RenderTests",
                    dependencies: ["Render", "CDeflateLevel", "Layout", "Documents", "Records", "Rules", "Pipeline", "Archiving",
                                   "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "TestSupport"]),
        // Failed writes and full disks (issue 20): the real binary under strace's fault injection and on a
        // small tmpfs.
        .testTarget(name: "FaultTests", dependencies: ["CLI", "TestSupport"]),
        .testTarget(name: "StampingTests", dependencies: ["Stamping", "Records", "Rules"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Stamping", "Records", "Rules", "TestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "StampPipelineTests",
            dependencies: ["Pipeline", "Archiving", "Stamping", "Registry", "Records", "Rules", "Render", "QRCodes", "Layout",
                           "Documents", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ArchiveTests",
            dependencies: ["Archiving", "Pipeline", "Registry", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "Service", "Stamping", "Registry", "Records", "Render", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
