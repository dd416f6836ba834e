import Foundation
import Testing

@testable import SelfBuyKit

/// The cheap header check that decides whether a large timeline gets a `quick_check` before a writer uses it.
@Suite("timeline header check")
struct TimelineHeaderTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("timeline.sqlite")
        _ = try TimelineStore(path: path)
    }

    func patched(_ offset: Int, _ bytes: [UInt8]) throws {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        data.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        try Data(data).write(to: URL(fileURLWithPath: path))
    }

    @Test("a timeline as SQLite left it has a sound header")
    func sound() {
        #expect(!TimelineStore.headerLooksWrong(path))
    }

    @Test(
        "a wrong magic, page size, page count or freelist makes the header look wrong",
        arguments: [
            (0, [UInt8](repeating: 0x41, count: 4)), (16, [0x03, 0x00]), (28, [0x00, 0x01, 0x00, 0x00]),
            (32, [0x7f, 0x00, 0x00, 0x00]), (36, [0x00, 0x10, 0x00, 0x00]),
        ])
    func wrong(offset: Int, bytes: [UInt8]) throws {
        try patched(offset, bytes)
        #expect(TimelineStore.headerLooksWrong(path))
    }

    @Test("a file cut short of a whole page looks wrong")
    func truncated() throws {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 100)
        try handle.close()
        #expect(TimelineStore.headerLooksWrong(path))
    }

    @Test("a read-only store refuses writes")
    func readOnly() throws {
        let reader = try TimelineStore(readingAt: path)
        #expect(reader.isReadOnly)
        #expect(throws: TimelineError.self) { try reader.save(FeedState(feedID: "x", url: "https://x.example/")) }
    }
}
