import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("The Traditional folding kept between runs")
struct FoldingCacheTests {
    let directory: TemporaryDirectory
    let environment: [String: String]

    init() throws {
        directory = try TemporaryDirectory()
        environment = ["XDG_CACHE_HOME": directory.path("cache"), "HOME": directory.path("home")]
    }

    /// A derivation that counts its calls and gives a small table.
    final class Derivation: @unchecked Sendable {
        var calls = 0
        let mapping: [Unicode.Scalar: Unicode.Scalar] = ["廣": "广", "發": "发", "購": "购"]
        func derive() -> [Unicode.Scalar: Unicode.Scalar] {
            calls += 1
            return mapping
        }
    }

    @Test("the first run derives the table and writes it; the next reads it without OpenCC")
    func secondRunReadsTheCache() throws {
        let derivation = Derivation()
        let first = try TraditionalFolding.loadCached(environment: environment, derive: derivation.derive)
        let file = try #require(TraditionalFolding.cacheFile(environment: environment))
        #expect(file.path.hasPrefix(directory.path("cache") + "/selfbuy/t2s-"))
        #expect(FileManager.default.fileExists(atPath: file.path))
        let second = try TraditionalFolding.loadCached(environment: environment, derive: derivation.derive)
        #expect(first == derivation.mapping && second == derivation.mapping)
        #expect(derivation.calls == 1)
    }

    @Test("a cached table equals the one OpenCC derives")
    func cachedTableIsOpenCCs() throws {
        let derived = try TraditionalFolding.deriveMapping()
        #expect(derived.count > 2000 && derived["廣"] == "广")
        _ = try TraditionalFolding.loadCached(environment: environment)
        let cached = try TraditionalFolding.loadCached(environment: environment, derive: { throw CancellationError() })
        #expect(cached == derived)
    }

    @Test(
        "a damaged cache file is derived and written again",
        arguments: [
            [UInt8](),  // empty
            [0x02, 0x00, 0x00],  // not whole pairs
            [0x41, 0, 0, 0, 0x42, 0, 0, 0],  // A → B: outside the ideographs
            [0xE3, 0x5E, 0, 0, 0x00, 0xD8, 0, 0],  // 廣 → a surrogate
        ])
    func damagedFileIsReplaced(bytes: [UInt8]) throws {
        let file = try #require(TraditionalFolding.cacheFile(environment: environment))
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        let derivation = Derivation()
        #expect(
            try TraditionalFolding.loadCached(environment: environment, derive: derivation.derive) == derivation.mapping
        )
        #expect(derivation.calls == 1)
        #expect(TraditionalFolding.readCache(file) == derivation.mapping)
    }

    @Test("a cache file cut short at a pair's end, or with a pair changed, is never read as a smaller table")
    func truncatedOrChangedFileIsRejected() throws {
        let file = try #require(TraditionalFolding.cacheFile(environment: environment))
        let derivation = Derivation()
        _ = try TraditionalFolding.loadCached(environment: environment, derive: derivation.derive)
        let whole = try [UInt8](Data(contentsOf: file))
        #expect(TraditionalFolding.readCache(file) == derivation.mapping)
        // Blocks lost in a crash: the pairs end early, on a pair boundary.
        try Data(whole.dropLast(8)).write(to: file)
        #expect(TraditionalFolding.readCache(file) == nil)
        // A pair changed in place (广 → 厂).
        var changed = whole
        let index = try #require(changed.lastIndex(of: 0x7F))
        changed[index] = 0x82
        try Data(changed).write(to: file)
        #expect(TraditionalFolding.readCache(file) == nil)
        // Either way the next run derives the table again and writes it whole.
        #expect(
            try TraditionalFolding.loadCached(environment: environment, derive: derivation.derive) == derivation.mapping
        )
        #expect(derivation.calls == 2)
        #expect(try [UInt8](Data(contentsOf: file)) == whole)
    }

    @Test("an oversized cache file is not read whole")
    func oversizedFileIsIgnored() throws {
        let file = try #require(TraditionalFolding.cacheFile(environment: environment))
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pair: [UInt8] = [0xE3, 0x5E, 0, 0, 0x7F, 0x5E, 0, 0]  // 廣 → 广
        try Data(Array([[UInt8]](repeating: pair, count: Int(ScriptFolding.coveredRange.count) + 1).joined()))
            .write(to: file)
        #expect(TraditionalFolding.readCache(file) == nil)
    }

    @Test("with no cache folder, or one that cannot be written, the table is still derived")
    func unwritableCacheStillDerives() throws {
        let derivation = Derivation()
        #expect(try TraditionalFolding.loadCached(environment: [:], derive: derivation.derive) == derivation.mapping)
        // A file where the cache folder should be.
        #expect(FileManager.default.createFile(atPath: directory.path("blocked"), contents: Data("x".utf8)))
        let blocked = ["XDG_CACHE_HOME": directory.path("blocked")]
        #expect(
            try TraditionalFolding.loadCached(environment: blocked, derive: derivation.derive) == derivation.mapping)
        #expect(
            try TraditionalFolding.loadCached(environment: blocked, derive: derivation.derive) == derivation.mapping)
        #expect(derivation.calls == 3)
    }
}
