// swift-tools-version: 6.0
import PackageDescription

// The layers of DESIGN.md, inner to outer: Records → Rules → Documents → Layout → Render → CLI.
// Only Render (and the C module it wraps) touches C pointers.
let package = Package(
    name: "cedocs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cedocs", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libfontconfig1-dev"])]
        ),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "Records"),
        .target(name: "Rules", dependencies: ["Records"]),
        .target(name: "Layout", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Documents", dependencies: ["Records", "Rules", "Layout"]),
        .target(name: "Render", dependencies: ["CPangoCairo", "CQREncode", "Layout"]),
        .target(name: "Archive"),
        // The audit agency's side (issue 4): profiles, keys, serials, what is signed, verification.
        .target(
            name: "Stamping",
            dependencies: [
                "Records", "Rules",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The register of issued results (SQLite); outer ring, like Archive.
        .target(name: "Registry", dependencies: ["Stamping", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Pipeline",
            dependencies: ["Records", "Rules", "Documents", "Layout", "Render", "Archive", "Stamping", "Registry"]
        ),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Records", "Rules", "Documents", "Layout", "Render", "Archive", "Pipeline", "Stamping", "Registry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Synthetic records for the benchmark (scripts/bench.sh); not part of the product.
        .executableTarget(name: "cedocs-bench-data", path: "Sources/BenchData"),
        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Records"]),
        .target(name: "TestSupport", dependencies: ["Render"], path: "Tests/Support"),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "Render", "TestSupport"]),
        .testTarget(name: "RenderTests",
                    dependencies: ["Render", "Layout", "Documents", "Records", "Rules", "Pipeline", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "TestSupport"]),
        .testTarget(name: "StampingTests", dependencies: ["Stamping", "Records", "Rules"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Stamping", "Records"]),
        .testTarget(
            name: "StampPipelineTests",
            dependencies: ["Pipeline", "Stamping", "Registry", "Records", "Render", "Layout", "Documents", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
