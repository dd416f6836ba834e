import Foundation
import GRDB
import Testing

@testable import SelfBuyKit

/// Documents are looked up by the first 64 bits of their text's hash (`text_key`), then by the whole hash.
@Suite("Text keys: documents found by their hash's first 64 bits, told apart by the whole hash")
struct TextKeyTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("timeline.sqlite"))
    }

    let notice = "华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    let other = "嘉实基金公告，公司拟运用固有资金2000万元投资旗下权益类基金，持有期不少于1年。"

    @discardableResult
    func ingest(_ text: String, link: String, into store: TimelineStore) throws -> IngestSummary {
        try Ingestor(store: store).ingest(
            [FeedItem(title: nil, link: link, published: DateParser().parse("2025-08-26 08:15"), text: text)],
            sourceURL: URL(string: "https://feeds.example/list.xml")!, fetchedAt: Date())
    }

    /// Every document's (hash, key) pair.
    func keys(_ path: String) throws -> [(hash: String, key: Int64)] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT content_hash, text_key FROM documents ORDER BY id").map { ($0[0], $0[1]) }
        }
    }

    @Test("a timeline from before text keys gets each document's key, and finds its texts by them afterwards")
    func migrationFillsKeys() throws {
        let first = try ingest(notice, link: "https://htzg.example/n/1.html", into: store)
        try ingest(other, link: "https://jsfund.example/n/7.html", into: store)
        // The timeline as v9 left it: no key column, the text index on the whole hash.
        try DatabaseHelper.open(store.path).execute(
            """
            DROP INDEX documents_by_text;
            ALTER TABLE documents DROP COLUMN text_key;
            CREATE INDEX documents_by_text ON documents(content_hash, id) WHERE superseded_by IS NULL;
            DELETE FROM grdb_migrations WHERE identifier = 'v10-text-keys';
            """)
        let reopened = try TimelineStore(path: store.path)
        let stored = try keys(store.path)
        #expect(stored.count == 2)
        for (hash, key) in stored { #expect(key == ContentKey.storedKey(of: hash)) }
        // The same text from a second URL is found by its key: a further source of the same event, not a new one.
        let copy = try ingest(notice, link: "https://news.example/a/99.html", into: reopened)
        #expect(copy.newEventIDs.isEmpty)
        #expect(copy.mergedEventIDs == first.newEventIDs)
        #expect(try reopened.counts() == (documents: 3, events: 2, sources: 3))
        #expect(try reopened.integrityProblems().isEmpty)
    }

    @Test("texts whose hashes share their first 64 bits are separate documents, each found as itself")
    func sharedKeys() throws {
        let prefix = "0123456789abcdef"
        let hashes = [prefix + String(repeating: "a", count: 48), prefix + String(repeating: "b", count: 48)]
        #expect(ContentKey.storedKey(of: hashes[0]) == ContentKey.storedKey(of: hashes[1]))
        func document(_ hash: String, at url: String) -> DocumentRecord {
            DocumentRecord(url: url, title: nil, published: nil, fetchedAt: Date(), contentHash: hash)
        }
        #expect(try store.record(document(hashes[0], at: "https://a.example/1"), pledges: []).storedDocument)
        #expect(try store.record(document(hashes[1], at: "https://b.example/2"), pledges: []).storedDocument)
        #expect(try store.record(document(hashes[0], at: "https://a.example/1"), pledges: []) == .alreadyStored)
        let presence = try store.presence(of: [
            (hashes[0], URLNormalizer.normalize("https://a.example/1")),
            (hashes[1], URLNormalizer.normalize("https://a.example/1")),
            (prefix + String(repeating: "c", count: 48), URLNormalizer.normalize("https://a.example/1")),
        ])
        #expect(presence == [.here, .elsewhere, .absent])
        #expect(try keys(store.path).map(\.key) == Array(repeating: ContentKey.storedKey(of: hashes[0]), count: 2))
    }

    @Test("strings that are not hashes have keys of their own and are found by them")
    func otherStrings() throws {
        for (index, hash) in ["hash-1", "hash-2", "HASH-1"].enumerated() {
            let record = DocumentRecord(
                url: "https://x.example/\(index)", title: nil, published: nil, fetchedAt: Date(), contentHash: hash)
            #expect(try store.record(record, pledges: []).storedDocument)
        }
        #expect(try store.presence(of: [("hash-2", URLNormalizer.normalize("https://x.example/1"))]) == [.here])
        #expect(try store.presence(of: [("hash-2", URLNormalizer.normalize("https://x.example/0"))]) == [.elsewhere])
        #expect(try store.presence(of: [("hash-3", URLNormalizer.normalize("https://x.example/1"))]) == [.absent])
        #expect(try keys(store.path).map(\.key) == ["hash-1", "hash-2", "HASH-1"].map(ContentKey.storedKey(of:)))
    }

    @Test("a document under another key than its text's is an integrity problem")
    func wrongKeyIsReported() throws {
        try ingest(notice, link: "https://htzg.example/n/1.html", into: store)
        #expect(try store.integrityProblems().isEmpty)
        try DatabaseHelper.open(store.path).execute("UPDATE documents SET text_key = text_key + 1")
        #expect(try store.integrityProblems() == ["1 documents without their text's key"])
    }
}
