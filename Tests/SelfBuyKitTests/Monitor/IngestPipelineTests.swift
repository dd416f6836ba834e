import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

/// Feeds of real-style texts and synthetic pledges: repeats within and across files, later reports that merge with
/// earlier pledges, near misses, Traditional text, news without a purchase word.
enum PipelineCorpusFiles {
    static func write(into folder: TemporaryDirectory) throws -> [String] {
        let texts = try ["own-real-style.jsonl", "blind-real-style.jsonl"].flatMap {
            try RealTextScore.load(Fixture.url($0))
        }
        let issuers = ["华夏基金", "易方达基金", "南方基金", "博时基金", "嘉实基金", "广发基金", "富国基金"]
        var files: [String] = []
        var next = 0
        for fileIndex in 0..<6 {
            var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>\n"
            let count = fileIndex == 2 ? 600 : 60
            for offset in 0..<count {
                let index = next
                next += 1
                let text: String
                let day: Int
                switch index % 4 {
                case 0:
                    // A real-style text; every seventh one again later, in another file.
                    let sample = texts[(index / 4) % texts.count]
                    text = sample.text
                    day = 1 + index % 27
                case 1:
                    let pledge = index / 4
                    text =
                        "\(issuers[pledge % issuers.count])公告，公司拟运用固有资金\(1000 + pledge)万元投资旗下权益类基金，持有期不少于1年。"
                    day = 1 + pledge % 27
                case 2:
                    // Another outlet's report of the pledge of the item before it, a day later.
                    let pledge = (index - 1) / 4
                    text = "据悉，\(issuers[pledge % issuers.count])拟运用固有资金\(1000 + pledge)万元投资旗下权益类基金。"
                    day = 2 + pledge % 27
                default:
                    text = offset % 2 == 0 ? "A股三大指数午后走强，第\(index)期市场观察。" : "单个投资人累计认购金额不超过\(index)万元。"
                    day = 1 + index % 27
                }
                let published = "2025-0\(1 + fileIndex % 9)-\(day < 10 ? "0" : "")\(day) 10:00"
                feed += "<item><title>第\(index)期</title><link>https://news.example.cn/\(index).html</link>"
                feed += "<pubDate>\(published)</pubDate><description><![CDATA[\(text)]]></description></item>\n"
                if offset % 7 == 3 {
                    feed += "<item><title>转载</title><link>https://other.example.cn/\(index).html</link>"
                    feed += "<pubDate>\(published)</pubDate><description><![CDATA[\(text)]]></description></item>\n"
                }
            }
            feed += "</channel></rss>\n"
            let path = folder.path("feed-\(fileIndex).xml")
            try Data(feed.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        // The first file again at the end: every document already stored.
        files.append(files[0])
        return files
    }
}

@Suite("Batched, parallel ingest")
struct IngestPipelineTests {
    let directory: TemporaryDirectory
    let fetchedAt = Date(timeIntervalSince1970: 1_756_000_000)

    init() throws { directory = try TemporaryDirectory() }

    /// The ingest of selfbuy before batching: per item, a stored-text check (the same text from the same URL is
    /// skipped, from another URL recorded without detection), the detector, one transaction.
    func sequentialReference(_ files: [String], store: TimelineStore, detector: PledgeDetector) throws {
        for path in files {
            let url = URL(fileURLWithPath: path)
            for item in try SourceReader().read([UInt8](try Data(contentsOf: url)), url: url).items {
                let body = item.text.trimmedWhitespace
                let identity = Ingestor.identity(body: body, title: item.title)
                guard !identity.isEmpty else { continue }
                let hash = ContentHash.ofText(identity)
                let link = item.link ?? url.absoluteString
                switch try store.presence(of: [(hash, URLNormalizer.normalize(link))])[0] {
                case .here: continue
                case .elsewhere:
                    _ = try store.record(
                        DocumentRecord(
                            url: link, title: item.title, published: item.published, fetchedAt: fetchedAt,
                            contentHash: hash, urlIdentifiesDocument: item.link != nil), pledges: [])
                    continue
                case .absent: break
                }
                let date = item.published?.localDay()
                let detection = detector.review(body, documentDate: date, title: item.title)
                var pledges = detection.pledges
                if pledges.isEmpty, let title = item.title { pledges = detector.detect(title, documentDate: date) }
                let record = DocumentRecord(
                    url: link, title: item.title, published: item.published, fetchedAt: fetchedAt, contentHash: hash,
                    urlIdentifiesDocument: item.link != nil)
                _ = try store.record(record, pledges: pledges, nearMisses: detection.nearMisses)
            }
        }
    }

    @Test("a batched, parallel ingest stores the same events, sources and near misses as a sequential one")
    func sameTimelineAsSequential() async throws {
        let files = try PipelineCorpusFiles.write(into: directory)
        let detector = try RealTextTests.detector()
        let sequential = try TimelineStore(path: directory.path("sequential.sqlite"))
        try sequentialReference(files, store: sequential, detector: detector)

        let parallel = try TimelineStore(path: directory.path("parallel.sqlite"))
        let pipeline = IngestPipeline(ingestor: Ingestor(store: parallel, detector: detector), width: 4)
        let fetchedAt = fetchedAt
        var order: [String] = []
        var total = IngestSummary()
        try await pipeline.run(
            files,
            read: { path -> Result<ReadSource, MarkupError> in
                let url = URL(fileURLWithPath: path)
                do {
                    let items = try SourceReader().read([UInt8](try Data(contentsOf: url)), url: url).items
                    return .success(ReadSource(items: items, sourceURL: url, bytes: 0, fetchedAt: fetchedAt))
                } catch {
                    return .failure(.binary)
                }
            },
            recorded: { path, result in
                order.append(path)
                if case .success(let (summary, _)) = result { total.add(summary) }
            })

        #expect(order == files)
        let counts = try sequential.counts()
        #expect(counts.events > 150 && counts.sources > counts.events)
        #expect(try parallel.counts() == counts)
        #expect(total.newDocuments == counts.documents)
        let expected = try sequential.events()
        let events = try parallel.events()
        #expect(events.count == expected.count)
        for (event, reference) in zip(events, expected) { #expect(event == reference) }
        #expect(try parallel.nearMisses() == (try sequential.nearMisses()))
        #expect(try !sequential.nearMisses().isEmpty)
    }

    @Test("source counts and first sources kept per added source equal a full recount from the sources")
    func incrementalSourceSummaries() async throws {
        let files = try PipelineCorpusFiles.write(into: directory)
        let store = try TimelineStore(path: directory.path("summaries.sqlite"))
        let ingestor = Ingestor(store: store, detector: try RealTextTests.detector())
        for path in files.reversed() {
            let url = URL(fileURLWithPath: path)
            let items = try SourceReader().read([UInt8](try Data(contentsOf: url)), url: url).items
            _ = try ingestor.ingest(items, sourceURL: url, fetchedAt: fetchedAt)
        }
        let kept = try store.events(withSources: false)
        #expect(kept.contains { $0.sourceCount > 2 })
        try store.write { db in
            for event in kept { try TimelineStore.refreshSourceSummary(db, eventID: event.id) }
        }
        let recounted = try store.events(withSources: false)
        for (before, after) in zip(kept, recounted) {
            #expect(before.sourceCount == after.sourceCount, "\(before.id)")
            #expect(before.firstSourceURL == after.firstSourceURL, "\(before.id)")
            #expect(before.evidence == after.evidence, "\(before.id)")
        }
    }

    @Test("a text an earlier source in flight holds is left to it; a later source never takes it from an earlier one")
    func contentClaims() {
        let claims = ContentClaims()
        #expect(claims.claim(["a"], by: 3) == [false])
        #expect(claims.claim(["a"], by: 5) == [true])
        #expect(claims.claim(["a"], by: 1) == [false])
        #expect(claims.claim(["a", "b"], by: 3) == [true, false])
        #expect(claims.claim(["b", "c"], by: 4) == [true, false])
        #expect(claims.claim(["b"], by: 2) == [false])
        claims.release(through: 3)
        // Sources 1 to 3 are recorded: the timeline answers for "a" and "b" now. Source 4 still holds "c".
        #expect(claims.claim(["a", "b", "c"], by: 9) == [false, false, true])
    }

    @Test("recorded sources' hashes are forgotten once the table holds its limit, and the limit bounds it")
    func contentClaimsStayBounded() {
        let claims = ContentClaims(retained: 100)
        for source in 0..<50 {
            #expect(claims.claim((0..<10).map { "s\(source)-\($0)" }, by: source) == Array(repeating: false, count: 10))
            claims.release(through: source)
            // Kept until the table is full: forgotten in one go then.
            #expect(claims.count == (source + 1) * 10 % 100, "\(source)")
        }
    }

    @Test(
        "claims answer as a table that forgets every hash of a recorded source, whenever they leave it (random runs)",
        arguments: [0, 8, 32_768])
    func contentClaimsAgainstModel(retained: Int) {
        var generator = SplitMix(seed: 14)
        for _ in 0..<200 {
            let claims = ContentClaims(retained: retained)
            // The model: each hash's first holder, whole; a release drops those held by recorded sources.
            var model: [String: Int] = [:]
            var recorded = -1
            for _ in 0..<300 {
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    recorded += Int.random(in: 1...3, using: &generator)
                    claims.release(through: recorded)
                    model = model.filter { $0.value > recorded }
                } else {
                    let hash = "h\(Int.random(in: 0..<40, using: &generator))"
                    let index = recorded + Int.random(in: 1...12, using: &generator)
                    let expected: Bool
                    if let holder = model[hash], holder < index {
                        expected = true
                    } else {
                        model[hash] = index
                        expected = false
                    }
                    #expect(claims.claim([hash], by: index) == [expected])
                }
            }
        }
    }

    @Test("a batch whose last document cannot be stored stores none of the batch")
    func batchIsWholeOrNothing() throws {
        let store = try TimelineStore(path: directory.path("batch.sqlite"))
        func document(_ index: Int) -> DocumentRecord {
            DocumentRecord(
                url: "https://x.example/\(index)", title: nil, published: nil, fetchedAt: fetchedAt,
                contentHash: "hash-\(index)")
        }
        func pledge(date: String, issuer: String = "华夏基金") -> Pledge {
            Pledge(
                issuer: issuer, issuerFull: issuer + "管理有限公司", issuerMention: issuer, amountYuan: 10_000_000,
                amountBound: .exact, holdingPeriod: nil, fundType: .equity, status: .planned, date: date,
                evidence: Evidence(text: "华夏基金拟自购1000万元。", start: 0, end: 14))
        }
        let good = DetectedDocument(document: document(1), pledges: [pledge(date: "2025-08-01")])
        // The schema refuses a new event whose date is not YYYY-MM-DD.
        let bad = DetectedDocument(document: document(2), pledges: [pledge(date: "2025-8-1", issuer: "易方达基金")])
        #expect(throws: TimelineError.self) { try store.record([good, bad]) }
        #expect(try store.counts() == (0, 0, 0))
        let outcomes = try store.record([good, good])
        #expect(outcomes.map(\.storedDocument) == [true, false])
        #expect(try store.counts() == (1, 1, 1))
    }

    @Test("one ingest of many documents writes them in batches, and a re-run changes nothing")
    func rerunChangesNothing() throws {
        let store = try TimelineStore(path: directory.path("rerun.sqlite"))
        var ingestor = Ingestor(store: store)
        ingestor.batchSize = 256
        let items = (0..<(ingestor.batchSize * 2 + 5)).map { index in
            FeedItem(
                title: nil, link: "https://x.example/\(index)", published: nil,
                text: "华夏基金公告，公司拟运用固有资金\(1000 + index)万元投资旗下权益类基金。")
        }
        let first = try ingestor.ingest(items, sourceURL: URL(string: "https://x.example/")!, fetchedAt: fetchedAt)
        #expect(first.newDocuments == items.count)
        #expect(first.newEventIDs.count == items.count)
        let again = try ingestor.ingest(items, sourceURL: URL(string: "https://x.example/")!, fetchedAt: fetchedAt)
        #expect(again.newDocuments == 0 && again.newEventIDs.isEmpty && again.items == items.count)
    }
}
