// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first; a lower layer never imports a higher one:
//   C shims (CCurl, CCrypto, CCurses, CProcess)
//   GeminiClient       the shared client: signing, nonces, transport, typed results (no UI)
//   SimulatedExchange  a local Gemini stand-in for tests, the demo and benchmarks
//   DeskCore           config, secrets, history, cancel orchestration
//   DeskUI             the ncurses front end
//   gdesk              the desk executable: CLI subcommands and the front end (no simulator, no SwiftNIO)
//   gdesk-exchange     the simulated exchange's executable: `gdesk exchange` and `gdesk demo` run it
//   gdesk-monitor      the order events sidecar gdesk spawns: its WebSocket (and SwiftNIO) code stays out of gdesk
// Every module a target imports is in its dependencies, and nothing else is. Text from outside (an exchange's words, a
// file's contents) is made one printable line by GeminiClient's String.printableLine, which the layers above use too.
let package = Package(
    name: "gdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gdesk", targets: ["gdesk"]),
        .executable(name: "gdesk-exchange", targets: ["gdesk-exchange"]),
        .executable(name: "gdesk-monitor", targets: ["gdesk-monitor"]),
        .library(name: "GeminiClient", targets: ["GeminiClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "CCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // prctl and setrlimit: no core dumps once secrets are loaded.
        .target(name: "CProcess"),
        // The version scripts/release stamps (git describe); a development build has none.
        .target(name: "CBuildStamp"),
        .target(
            name: "GeminiClient",
            dependencies: ["CCurl", "CCrypto", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "SimulatedExchange",
            dependencies: [
                "GeminiClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        .target(
            name: "DeskCore",
            dependencies: [
                "GeminiClient", "CProcess",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "DeskUI", dependencies: ["DeskCore", "GeminiClient", "CCurses"]),
        .executableTarget(
            name: "gdesk",
            dependencies: [
                "DeskCore", "DeskUI", "GeminiClient", "CBuildStamp", "CCurl", "CCrypto", "CCurses",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "gdesk-exchange",
            dependencies: [
                "SimulatedExchange", "GeminiClient", "DeskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gdesk-monitor",
            dependencies: [
                "GeminiClient", .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "gdesk-bench",
            dependencies: ["DeskCore", "SimulatedExchange", "GeminiClient"],
            path: "Benchmarks/PanicBenchmark"
        ),
        // What several test targets share: the desk fixture (a simulated exchange and a config for it), the real gdesk
        // binary, child processes, tmux sessions, temporary directories. Used by test targets only.
        .target(name: "TestSupport", dependencies: ["SimulatedExchange"], path: "Tests/TestSupport"),
        // Conformance/: Gemini's SDK conformance cases re-recorded as JSON, read by the tests from the source tree.
        .testTarget(name: "GeminiClientTests", dependencies: ["GeminiClient", "SimulatedExchange", "TestSupport"],
                    exclude: ["Conformance"]),
        .testTarget(name: "SimulatedExchangeTests", dependencies: ["SimulatedExchange", "GeminiClient"]),
        .testTarget(
            name: "DeskCoreTests",
            dependencies: [
                "DeskCore", "GeminiClient", "SimulatedExchange", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DeskUITests", dependencies: ["DeskUI", "DeskCore", "GeminiClient", "TestSupport"]),
        .testTarget(name: "GDeskTests", dependencies: ["gdesk", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "EndToEndTests", dependencies: ["SimulatedExchange", "DeskCore", "CCurl", "CCrypto", "TestSupport"]),
        // Faults, crashes, concurrency, random keys, secrets, fuzzing and rate limits (docs/RELIABILITY.md). Larger
        // counts with GDESK_TORTURE=1 (scripts/torture).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["SimulatedExchange", "GeminiClient", "DeskCore", "DeskUI", "TestSupport"]
        ),
    ]
)
