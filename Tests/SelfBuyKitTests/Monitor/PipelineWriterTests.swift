import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("The pipeline's writer thread")
struct PipelineWriterTests {
    let directory: TemporaryDirectory
    let fetchedAt = Date(timeIntervalSince1970: 1_756_000_000)

    init() throws { directory = try TemporaryDirectory() }

    func feed(_ index: Int) -> [FeedItem] {
        [
            FeedItem(
                title: "公告\(index)", link: "https://x.example/\(index)", published: nil,
                text: "华夏基金公告，公司拟运用固有资金\(1000 + index)万元投资旗下权益类基金。")
        ]
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test("a first source that cannot be read does not keep the writer from trusting what the cores found absent")
    func failedFirstSource() async throws {
        let store = try TimelineStore(path: directory.path("failed-first.sqlite"))
        let pipeline = IngestPipeline(ingestor: Ingestor(store: store), width: 2)
        let run = RecordedInRun()
        let items = feed(1)
        var told: [Int] = []
        // The writer opens its transaction for the failed source and waits for the next, which is slow to read: the
        // data version used to be read first by that source's core, once the transaction held the connection.
        try await pipeline.run(
            [0, 1],
            read: { index -> Result<ReadSource, MarkupError> in
                guard index == 1 else { return .failure(.binary) }
                try? await Task.sleep(for: .milliseconds(300))
                return .success(ReadSource(items: items, sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recordedInRun: run,
            recorded: { index, _, _ in told.append(index) })
        #expect(told == [0, 1])
        #expect(run.spared == 2, "the new text and its URL are not looked up again")
        #expect(try store.counts() == (1, 1, 1))
    }

    @Test("each commit's log is copied into the database as the writer goes on, and absences are still trusted")
    func checkpointsAsItGoes() async throws {
        let store = try TimelineStore(path: directory.path("checkpointed.sqlite"))
        var ingestor = Ingestor(store: store)
        ingestor.batchSize = 1
        let pipeline = IngestPipeline(ingestor: ingestor, width: 2)
        let run = RecordedInRun()
        let checkpointer = LogCheckpointer(path: store.path)
        let feeds = (0..<6).map { feed($0) }
        try await pipeline.run(
            Array(0..<6),
            read: { index -> Result<ReadSource, MarkupError> in
                .success(ReadSource(items: feeds[index], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recordedInRun: run, checkpointer: checkpointer,
            recorded: { _, _, _ in })
        #expect(checkpointer.count >= 1)
        // A checkpoint changes no content: another connection's data version stays, and the writer keeps trusting
        // what the cores found absent (two look-ups spared per new document).
        #expect(run.spared == 12)
        #expect(try store.counts() == (6, 6, 6))
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }

    @Test("while the ingestor is being built, as many sources are read as may be read ahead, not one per core")
    func readsAheadWhileBuilding() async throws {
        let store = try TimelineStore(path: directory.path("building.sqlite"))
        let reads = Counter()
        let readBeforeBuilt = Counter()
        let feeds = (0..<40).map { feed($0) }
        let width = 2
        let expected = width * IngestPipeline.readAhead
        let pipeline = IngestPipeline(
            building: {
                // Built once the cores have read all they may, or after two seconds.
                let deadline = ContinuousClock.now + .seconds(2)
                while reads.value < expected && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
                for _ in 0..<reads.value { readBeforeBuilt.add() }
                return Ingestor(store: store)
            }, width: width)
        var told: [Int] = []
        try await pipeline.run(
            Array(0..<40),
            read: { index -> Result<ReadSource, MarkupError> in
                reads.add()
                let url = URL(string: "https://x.example/")!
                return .success(ReadSource(items: feeds[index], sourceURL: url, bytes: 0))
            },
            recorded: { index, _ in told.append(index) })
        #expect(readBeforeBuilt.value == expected)
        #expect(told == Array(0..<40))
        #expect(try store.counts().documents == 40)
    }

    @Test("a source's documents are committed within a second while the next source is still being read")
    func commitsWhileTheNextSourceIsRead() async throws {
        let path = directory.path("slow.sqlite")
        let store = try TimelineStore(path: path)
        let pipeline = IngestPipeline(ingestor: Ingestor(store: store), width: 2)
        let committed = Flag()
        let items = [0: feed(0), 1: feed(1)]
        // Another connection watches for the first source's document while the second source's read waits for it.
        let watcher = Task.detached {
            let reader = try TimelineStore(readingAt: path)
            for _ in 0..<100 {
                if try reader.counts().documents > 0 {
                    committed.set()
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        var told: [Int] = []
        try await pipeline.run(
            [0, 1],
            read: { index -> Result<ReadSource, MarkupError> in
                if index == 1 {
                    for _ in 0..<100 where !committed.isSet { try? await Task.sleep(for: .milliseconds(50)) }
                }
                return .success(
                    ReadSource(items: items[index]!, sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recorded: { index, _ in told.append(index) })
        try await watcher.value
        #expect(committed.isSet)
        #expect(told == [0, 1])
        // The writer's longer interval between checkpoints holds for the run only.
        #expect(try store.setAutomaticCheckpoint(pages: 1000) == 1000)
        #expect(try store.counts().documents == 2)
    }

    @Test("a slow source holds up the writer, not the cores: the sources after it are read meanwhile, told in order")
    func slowSourceDoesNotHoldUpReading() async throws {
        let store = try TimelineStore(path: directory.path("ahead.sqlite"))
        let pipeline = IngestPipeline(ingestor: Ingestor(store: store), width: 2)
        let readAhead = Flag()
        let feeds = (0..<6).map { feed($0) }
        var told: [Int] = []
        try await pipeline.run(
            Array(0..<6),
            read: { index -> Result<ReadSource, MarkupError> in
                if index == 0 {
                    for _ in 0..<100 where !readAhead.isSet { try? await Task.sleep(for: .milliseconds(50)) }
                }
                if index == 4 { readAhead.set() }
                return .success(
                    ReadSource(items: feeds[index], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recorded: { index, _ in told.append(index) })
        #expect(readAhead.isSet)
        #expect(told == Array(0..<6))
        #expect(try store.counts().documents == 6)
    }

    @Test("a batch size of zero or less still records every source, a document at least to a transaction")
    func nonPositiveBatchSize() async throws {
        for size in [0, -5] {
            let store = try TimelineStore(path: directory.path("size\(size).sqlite"))
            var ingestor = Ingestor(store: store)
            ingestor.batchSize = size
            let pipeline = IngestPipeline(ingestor: ingestor, width: 2)
            let feeds = (0..<5).map { index in feed(index) + feed(index + 100) }
            var told: [Int] = []
            try await pipeline.run(
                Array(0..<5),
                read: { index -> Result<ReadSource, MarkupError> in
                    .success(ReadSource(items: feeds[index], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
                },
                recorded: { index, _ in told.append(index) })
            #expect(told == Array(0..<5))
            #expect(try store.counts().documents == 10)
        }
    }

    struct Stop: Error {}

    @Test("when telling of a source fails, the run stops and nothing is written once it has returned")
    func nothingIsWrittenAfterTheRunStops() async throws {
        let store = try TimelineStore(path: directory.path("stop.sqlite"))
        var ingestor = Ingestor(store: store)
        // Transactions of ten documents: the first is told about while later sources are still coming.
        ingestor.batchSize = 10
        let pipeline = IngestPipeline(ingestor: ingestor, width: 3)
        let feeds = (0..<200).map { feed($0) }
        await #expect(throws: Stop.self) {
            try await pipeline.run(
                Array(0..<200),
                read: { index -> Result<ReadSource, MarkupError> in
                    .success(ReadSource(items: feeds[index], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
                },
                recorded: { _, _ in throw Stop() })
        }
        let stored = try store.counts().documents
        #expect(stored < 200)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try store.counts().documents == stored)
        // The timeline is whole: a second run stores the rest.
        let rest = try Ingestor(store: store).ingest(
            feeds.flatMap { $0 }, sourceURL: URL(string: "https://x.example/")!, fetchedAt: fetchedAt)
        #expect(rest.newDocuments == 200 - stored)
    }

    @Test("sources that could not be read are told about in their turn, between stored ones")
    func failuresKeepTheirTurn() async throws {
        let store = try TimelineStore(path: directory.path("failures.sqlite"))
        let pipeline = IngestPipeline(ingestor: Ingestor(store: store), width: 3)
        var told: [(Int, Bool)] = []
        let feeds = (0..<30).map { feed($0) }
        try await pipeline.run(
            Array(0..<30),
            read: { index -> Result<ReadSource, MarkupError> in
                index % 3 == 1
                    ? .failure(.binary)
                    : .success(
                        ReadSource(items: feeds[index], sourceURL: URL(string: "https://x.example/")!, bytes: 0))
            },
            recorded: { index, result in
                if case .success(let (summary, _)) = result {
                    told.append((index, summary.newDocuments == 1))
                } else {
                    told.append((index, false))
                }
            })
        #expect(told.map(\.0) == Array(0..<30))
        #expect(told.allSatisfy { $0.1 == ($0.0 % 3 != 1) })
        #expect(try store.counts().documents == 20)
    }
}
