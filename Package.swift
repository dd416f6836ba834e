// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A release build of `selfbuy` on Linux links the Swift runtime and Foundation in, as `--static-swift-stdlib` does
// (scripts/install.sh): the binary runs without the toolchain beside it, starts in 8 ms instead of 15 (no symbol
// binding of 20 shared libraries at load) and calls the runtime directly, not through the PLT (an archive ingest:
// 11 ms, 6 % of its time). SwiftPM's own flag also compiles every module against the static resource folder, which
// a manifest cannot ask for; this links the dynamic build's objects with the static archives instead, which needs
// Foundation's own dependencies named. Their set is that of the toolchain this was checked with (Swift 6.3): other
// toolchains link dynamically, as before.
#if compiler(>=6.3) && !compiler(>=6.4)
    let staticRuntime: [LinkerSetting] = [
        .unsafeFlags(
            [
                "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationEssentials",
                "-lFoundationInternationalization", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch", "-ldispatch",
                "-lBlocksRuntime", "-lswift_Concurrency", "-lswiftCore", "-lswift_StringProcessing",
                "-lswift_RegexParser", "-lswiftGlibc", "-lswift_Builtin_float", "-Xlinker", "--end-group", "-lstdc++",
                "-lm", "-ldl", "-lpthread",
            ], .when(platforms: [.linux], configuration: .release))
    ]
#else
    let staticRuntime: [LinkerSetting] = []
#endif

// A release build of `selfbuy` on Linux allocates with mimalloc when the system has it (Debian: libmimalloc2.0):
// an ingest frees on one core what another allocated, and glibc's allocator made the cores take each other's arena
// locks (an archive ingest: 8 % of its CPU in malloc and free, threads asleep on arena locks for milliseconds).
// With mimalloc the archive ingest takes 4 to 7 % less time; `list`, `summary` and `export`, on one core, stay within
// 2 % (README, "Dependencies"). Linked ahead of the C library, it serves every allocation of the process, SQLite's
// and libxml2's included. Without it, glibc's allocator is used, tuned by `AllocatorTuning`.
#if os(Linux)
    let mimallocFolder = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"].first {
        FileManager.default.fileExists(atPath: $0 + "/libmimalloc.so.2")
    }
#else
    let mimallocFolder: String? = nil
#endif
let allocator: [LinkerSetting] =
    mimallocFolder.map { folder in
        [.unsafeFlags(["-L" + folder, "-l:libmimalloc.so.2"], .when(platforms: [.linux], configuration: .release))]
    } ?? []

let package = Package(
    name: "selfbuy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "selfbuy", targets: ["selfbuy"]),
        .library(name: "SelfBuyKit", targets: ["SelfBuyKit"]),
        .library(name: "SelfBuyDetection", targets: ["SelfBuyDetection"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "COpenCC",
            pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]
        ),
        .systemLibrary(
            name: "COPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // SHA-256 for content hashes: the system's OpenSSL 3 (SHA-NI, ~1.7 GB/s here) at no build cost, where
        // swift-crypto would compile BoringSSL into every clean build.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Poppler in a child process: the C side of PDF reading, which must run without the Swift runtime after fork.
        // It loads poppler-glib with dlopen in that process, on first use (poppler_api.h): no dependency on COPoppler,
        // whose pkg-config libraries (poppler, GLib, GObject, cairo: some fifty with theirs) would be linked into
        // selfbuy and loaded by every run.
        .target(name: "CPDFText"),
        // CPDFText's declarations of poppler-glib compiled against poppler's headers: the build fails where they
        // differ. Linked into the test bundle only.
        .target(name: "CPopplerABICheck", dependencies: ["COPoppler"]),
        // HTTP through libcurl's easy interface, with the body counted after decoding. It includes <curl/curl.h>
        // (libcurl4-openssl-dev) but does not link libcurl: curl_api.c loads libcurl.so.4 with dlopen at the first
        // transfer, so that its twenty-five libraries are not loaded by every run of selfbuy.
        .target(name: "CHTTPClient"),
        // SQLite's process-wide configuration, which takes a variadic C call (sqlite3_config). It includes <sqlite3.h>
        // (libsqlite3-dev) and links the system SQLite, as GRDB does.
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "SelfBuyDetection"),
        .target(
            name: "SelfBuyKit",
            dependencies: [
                "CLibCrypto",
                "CLibXML2",
                "COpenCC",
                "CPDFText",
                "CHTTPClient",
                "CSQLiteConfig",
                "SelfBuyDetection",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API under GRDB: export reads a million rows' columns straight from the statement.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "selfbuy",
            dependencies: [
                "SelfBuyKit",
                "SelfBuyDetection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            linkerSettings: staticRuntime + allocator
        ),
        .executableTarget(
            name: "selfbuy-bench",
            dependencies: ["SelfBuyKit", "SelfBuyDetection", "LoopbackServer"]
        ),
        .target(name: "LoopbackServer"),
        .executableTarget(
            name: "selfbuy-fuzz",
            dependencies: ["SelfBuyKit", "SelfBuyDetection"]
        ),
        .testTarget(
            name: "SelfBuyDetectionTests",
            dependencies: ["SelfBuyDetection"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SelfBuyKitTests",
            dependencies: [
                "SelfBuyKit", "SelfBuyDetection", "LoopbackServer", "CPopplerABICheck",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SelfBuyCLITests",
            dependencies: ["LoopbackServer", "SelfBuyKit", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
