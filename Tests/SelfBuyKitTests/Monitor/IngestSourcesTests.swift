import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Ingest sources and progress")
struct IngestSourcesTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func write(_ name: String, _ text: String) throws {
        let url = directory.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test("a folder stands for the sources under it, found by content in path order, whatever their names")
    func folderByContent() throws {
        try write("b/feed.rss", "<?xml version=\"1.0\"?><rss/>")
        try write("a/page.txt", "\u{FEFF}\n  <html><body>x</body></html>")
        try write("a/notes.md", "# notes, not a source")
        try write("a/deeper/notice", "%PDF-1.4 ...")
        try write("a/empty.xml", "")
        try write(".hidden/feed.xml", "<rss/>")
        let expanded = try IngestSources.expand([directory.url.path])
        #expect(
            expanded
                == ["a/deeper/notice", "a/page.txt", "b/feed.rss"].map { directory.url.appendingPathComponent($0).path }
        )
    }

    @Test("- reads paths and URLs from standard input, once, skipping blank lines and comments")
    func standardInputList() throws {
        var lines = ["one.xml", "", "  https://example.cn/feed  ", "# a comment", "two.xml"][...]
        let expanded = try IngestSources.expand(["first.xml", "-", "-", "last.xml"]) { lines.popFirst() }
        #expect(expanded == ["first.xml", "one.xml", "https://example.cn/feed", "two.xml", "last.xml"])
    }

    @Test("a standard input line past the length limit is refused with its number")
    func longLine() throws {
        var lines = ["ok.xml", String(repeating: "x", count: IngestSources.maximumLineLength + 1)][...]
        #expect(throws: IngestSources.ExpansionError.lineTooLong(line: 2)) {
            try IngestSources.expand(["-"]) { lines.popFirst() }
        }
    }

    @Test("the progress line counts files, items, new events and MB/s, and is redrawn at most five times a second")
    func progressLine() {
        let start = Date(timeIntervalSince1970: 1000)
        var progress = IngestProgress(total: 3, started: start)
        var summary = IngestSummary()
        summary.items = 50
        summary.newEventIDs = ["a", "b"]
        progress.add(summary, bytes: 2_000_000)
        #expect(
            progress.line(now: start.addingTimeInterval(1)) == "ingest: 1/3 files, 50 items, 2 new events, 2.0 MB/s")
        #expect(progress.redraw(now: start.addingTimeInterval(1)) != nil)
        progress.add(nil, bytes: 0)
        #expect(progress.redraw(now: start.addingTimeInterval(1.1)) == nil)
        progress.add(summary, bytes: 2_000_000)
        let last = progress.redraw(now: start.addingTimeInterval(1.15))
        #expect(last?.hasSuffix("\n") == true)
        #expect(last?.contains("3/3 files, 100 items, 4 new events") == true)
    }
}
