// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage (see docs in README): each stage imports only
// FigwatchCore and its own backend; only the daemon and the CLI see them all.
let package = Package(
    name: "figwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "figwatch", targets: ["figwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        // The HTTP listener (issue 23): /metrics, health endpoints and the dashboard.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Only its bcrypt (C, no further dependencies), for the listener's users_file.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries, reached only through typed shims.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]),
        // glibc's allocator controls (<malloc.h>): the daemon bounds its arenas and trims them.
        .systemLibrary(name: "CMalloc"),
        // sqlite3_config (variadic): SQLite's process-wide threading mode, set once at start.
        .systemLibrary(name: "CSQLiteSetup"),

        // Stages.
        .target(name: "FigwatchCore"),
        .target(name: "FigwatchFetch", dependencies: ["FigwatchCore", "CCurl"]),
        .target(name: "FigwatchText", dependencies: ["FigwatchCore", "CLibXML2"]),
        .target(name: "FigwatchExtract", dependencies: ["FigwatchCore"]),
        .target(
            name: "FigwatchStore",
            dependencies: [
                "FigwatchCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API GRDB itself links, for the two hot loops (append, series) that
                // bind and read columns directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"), "CSQLiteSetup",
            ]),
        // The shared PostgreSQL backend (issue 8): its own target so that SQLite-only users of
        // FigwatchStore do not compile or link PostgresNIO.
        .target(
            name: "FigwatchPostgres",
            dependencies: [
                "FigwatchCore", "FigwatchStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Series rendering (table, CSV, JSON lines, sparkline, SVG): values in, text out, no I/O.
        .target(name: "FigwatchReport", dependencies: ["FigwatchCore"]),
        // Money thresholds in the config are read by the extractor's own amount parser, and the
        // sources' XPaths compiled by the text stage's own libxml2.
        .target(
            name: "FigwatchConfig",
            dependencies: ["FigwatchCore", "FigwatchExtract", "FigwatchText", .product(name: "Yams", package: "Yams")]),

        // Alert rules as I/O-free state machines; delivery is wired by the daemon.
        .target(name: "FigwatchAlerts", dependencies: ["FigwatchCore"]),

        // The HTTP listener (issue 23): Prometheus exposition, health endpoints, the dashboard. It reads
        // the store and the daemon's snapshots; it never writes. The daemon counts with swift-metrics
        // (`Metrics`), and this target bootstraps the Prometheus registry behind it.
        .target(
            name: "FigwatchHTTP",
            dependencies: [
                "FigwatchCore", "FigwatchStore", "FigwatchConfig", "FigwatchReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),

        // The daemon: wires the stages together; the only target besides the CLI that sees them all.
        .target(
            name: "FigwatchDaemon",
            dependencies: [
                "FigwatchCore", "FigwatchFetch", "FigwatchText", "FigwatchExtract", "FigwatchStore",
                "FigwatchPostgres", "FigwatchConfig", "FigwatchAlerts", "CSystemd", "CMalloc",
                "FigwatchHTTP", .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),

        // Command line.
        .executableTarget(
            name: "figwatch",
            dependencies: [
                "FigwatchCore", "FigwatchFetch", "FigwatchText", "FigwatchExtract",
                "FigwatchStore", "FigwatchPostgres", "FigwatchConfig", "FigwatchDaemon", "FigwatchAlerts",
                "FigwatchReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "figwatch-bench",
            dependencies: [
                "FigwatchCore", "FigwatchFetch", "FigwatchText", "FigwatchExtract", "FigwatchStore",
                "FigwatchPostgres", "FigwatchDaemon", "CLibXML2", "CMalloc",
                "FigwatchTestSupport", "FigwatchHTTP", "FigwatchConfig",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // Bare SQLite, as the floor the store's append is compared with.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),

        // Appends pages in a loop for the store's kill -9 test (FigwatchStoreTests).
        .executableTarget(name: "figwatch-store-crasher", dependencies: ["FigwatchStore"]),

        // Tests.
        .target(
            name: "FigwatchTestSupport",
            dependencies: [
                "FigwatchCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/FigwatchTestSupport"),
        .testTarget(name: "FigwatchCoreTests", dependencies: ["FigwatchCore"]),
        .testTarget(
            name: "FigwatchFetchTests",
            dependencies: ["FigwatchFetch", "FigwatchTestSupport"]),
        .testTarget(
            name: "FigwatchTextTests",
            dependencies: ["FigwatchText", "FigwatchTestSupport"],
            exclude: ["README.md"]),
        .testTarget(
            name: "FigwatchExtractTests",
            dependencies: ["FigwatchExtract", "FigwatchTestSupport"],
            exclude: ["README.md"]),
        .testTarget(
            name: "FigwatchStoreTests",
            dependencies: [
                "FigwatchStore", "FigwatchPostgres", "FigwatchTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(name: "FigwatchAlertsTests", dependencies: ["FigwatchAlerts"]),
        .testTarget(
            name: "FigwatchDaemonTests",
            dependencies: ["FigwatchDaemon", "FigwatchPostgres", "FigwatchTestSupport", "CMalloc"]),
        .testTarget(
            name: "FigwatchReportTests",
            dependencies: ["FigwatchReport", "FigwatchTestSupport"]),
        .testTarget(
            name: "FigwatchHTTPTests",
            dependencies: [
                "FigwatchHTTP", "FigwatchConfig", "FigwatchTestSupport",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .testTarget(
            name: "FigwatchConfigTests",
            dependencies: ["FigwatchConfig", "FigwatchTestSupport"]),
    ]
)
