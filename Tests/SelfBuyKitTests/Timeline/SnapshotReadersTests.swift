import Foundation
import GRDB
import Testing

@testable import SelfBuyKit

@Suite("Snapshot readers: a bulk ingest's cores read through connections of their own")
struct SnapshotReadersTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test("concurrent reads open no more connections than read at once, see what was committed, and write nothing")
    func concurrentReads() async throws {
        let store = try TimelineStore(path: directory.path("snap.sqlite"))
        _ = try store.record(
            DocumentRecord(
                url: "https://x.example/1", title: "t", published: nil, fetchedAt: Date(), contentHash: "h1",
                urlIdentifiesDocument: true), pledges: [])
        let readers = SnapshotReaders(path: store.path)
        let reading = store.reading(through: readers)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var seen = 0
                    for _ in 0..<50 {
                        seen += try reading.presence(of: [("h1", "//x.example/1")])[0] == .here ? 1 : 0
                    }
                    return seen
                }
            }
            for try await seen in group { #expect(seen == 50) }
        }
        #expect(readers.opened >= 1 && readers.opened <= 4)
        // A write through the readers' store still goes to the timeline's own writer.
        _ = try reading.record(
            DocumentRecord(
                url: "https://x.example/2", title: "t", published: nil, fetchedAt: Date(), contentHash: "h2",
                urlIdentifiesDocument: true), pledges: [])
        #expect(try reading.presence(of: [("h2", "//x.example/2")])[0] == .here)
        #expect(throws: (any Error).self) {
            try readers.read { db in try db.execute(sql: "DELETE FROM documents") }
        }
        readers.close()
        // Once closed, a read still answers, on a connection it closes again.
        let opened = readers.opened
        #expect(try reading.presence(of: [("h1", "//x.example/1")])[0] == .here)
        #expect(readers.opened == opened + 1)
    }

    /// Ingests 30 one-item sources into the timeline at `path` through a pipeline gone once this returns.
    func ingest(into path: String) async throws {
        let pipeline = IngestPipeline(building: { Ingestor(store: try TimelineStore(path: path)) }, width: 3)
        let items = (0..<30).map {
            FeedItem(
                title: "公告\($0)", link: "https://x.example/\($0)", published: nil,
                text: "华夏基金公告，公司拟运用固有资金\(1000 + $0)万元投资旗下权益类基金。")
        }
        try await pipeline.run(
            Array(0..<30),
            read: { index -> Result<ReadSource, MarkupError> in
                .success(ReadSource(items: [items[index]], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recorded: { _, _ in })
    }

    @Test("once the pipeline is gone, no write-ahead log or shared memory is left beside the timeline")
    func noLogLeft() async throws {
        let path = directory.path("pipeline.sqlite")
        try await ingest(into: path)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        let store = try TimelineStore(readingAt: path)
        #expect(try store.counts().documents == 30)
    }
}
