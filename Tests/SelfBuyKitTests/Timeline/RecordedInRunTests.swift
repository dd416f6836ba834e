import Foundation
import GRDB
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("An ingest run's writer trusts what the cores found absent only while nothing else can have recorded it")
struct RecordedInRunTests {
    let directory: TemporaryDirectory
    let fetchedAt = Date(timeIntervalSince1970: 1_756_000_000)

    init() throws { directory = try TemporaryDirectory() }

    func document(_ url: String, _ hash: String, title: String? = "华夏基金自购") -> DocumentRecord {
        DocumentRecord(
            url: url, title: title, published: nil, fetchedAt: fetchedAt, contentHash: hash,
            urlIdentifiesDocument: true)
    }

    func pledge(_ yuan: Int64) -> Pledge {
        Pledge(
            issuer: "华夏基金", issuerFull: "华夏基金管理有限公司", issuerMention: "华夏基金", amountYuan: yuan,
            amountBound: .exact, holdingPeriod: nil, fundType: .equity, status: .planned, date: "2025-08-01",
            evidence: Evidence(text: "华夏基金拟自购\(yuan / 10_000)万元。", start: 0, end: 14))
    }

    /// A document as a core detects it: what it found absent in the timeline noted.
    func detected(_ document: DocumentRecord, _ pledges: [Pledge], in store: TimelineStore) throws -> DetectedDocument {
        let found = try store.presence(
            of: [(document.contentHash, document.normalizedURL)], urls: [document.normalizedURL])
        var detected = DetectedDocument(document: document, pledges: pledges)
        if found.texts[0] == .absent { detected.absentWhenRead.insert(.text) }
        if !found.urls[0] { detected.absentWhenRead.insert(.url) }
        return detected
    }

    @Test("absences are trusted once started, unless the writer recorded the same text or URL since")
    func ownRecords() throws {
        let store = try TimelineStore(path: directory.path("own.sqlite"))
        let run = RecordedInRun()
        #expect(!run.isNew(text: "h1", absent: true), "not before the run has begun a transaction")
        try run.start(store)
        try store.write { db in try run.begin(db) }
        #expect(run.isNew(text: "h1", absent: true))
        #expect(!run.isNew(text: "h1", absent: false))
        #expect(run.isFree(url: "//a.example/1", absent: true))
        run.recorded(text: "h1", url: "//a.example/1")
        #expect(!run.isNew(text: "h1", absent: true))
        #expect(!run.isFree(url: "//a.example/1", absent: true))
        #expect(run.isNew(text: "h2", absent: true) && run.isFree(url: "//a.example/2", absent: true))
        // Texts are kept by their first 64 bits: another text that shares them is looked up (never taken as new).
        let recorded = String(repeating: "0123456789abcdef", count: 4)
        let sharingPrefix = String(recorded.prefix(16)) + String(repeating: "f", count: 48)
        #expect(run.isNew(text: sharingPrefix, absent: true))
        run.recorded(text: recorded, url: "//a.example/3")
        #expect(!run.isNew(text: recorded, absent: true) && !run.isNew(text: sharingPrefix, absent: true))
    }

    @Test("past its capacity, the writer looks everything up")
    func capacity() throws {
        let store = try TimelineStore(path: directory.path("capacity.sqlite"))
        let run = RecordedInRun(capacity: 2)
        try run.start(store)
        try store.write { db in try run.begin(db) }
        run.recorded(text: "h1", url: "u1")
        run.recorded(text: "h2", url: "u2")
        #expect(run.isNew(text: "h3", absent: true))
        run.recorded(text: "h3", url: "u3")
        #expect(!run.isNew(text: "h4", absent: true) && !run.isFree(url: "u4", absent: true))
    }

    @Test("a text another connection stored after the core read the timeline is recorded as a copy, not as new")
    func otherConnectionCommits() throws {
        let path = directory.path("other.sqlite")
        let store = try TimelineStore(path: path)
        let run = RecordedInRun()
        try run.start(store)
        // What the core found in it: as a copy, the writer reports its first copy's event instead.
        let late = try detected(document("https://b.example/2", "h-shared"), [pledge(30_000_000)], in: store)
        #expect(late.absentWhenRead == [.text, .url])
        // Another process (here another connection) records the same text from another URL meanwhile.
        let other = try TimelineStore(path: path)
        let first = try other.record(document("https://a.example/1", "h-shared"), pledges: [pledge(10_000_000)])
        #expect(first.newEventIDs.count == 1)
        let outcome = try store.record([late], run: run)[0]
        #expect(outcome.storedDocument && outcome.newEventIDs.isEmpty)
        #expect(outcome.mergedEventIDs == first.newEventIDs)
        #expect(try store.counts() == (2, 1, 2))
    }

    @Test("a text the writer recorded after the core read the timeline is recorded as a copy")
    func sameTextEarlierInTheRun() throws {
        let store = try TimelineStore(path: directory.path("text.sqlite"))
        let run = RecordedInRun()
        try run.start(store)
        let earlier = try detected(document("https://a.example/1", "h-shared"), [pledge(10_000_000)], in: store)
        let later = try detected(document("https://b.example/2", "h-shared"), [pledge(30_000_000)], in: store)
        let outcomes = try store.record([earlier], run: run) + (try store.record([later], run: run))
        #expect(outcomes[0].newEventIDs.count == 1)
        #expect(outcomes[1].newEventIDs.isEmpty && outcomes[1].mergedEventIDs == outcomes[0].newEventIDs)
        #expect(try store.counts() == (2, 1, 2))
    }

    @Test("a new text at a URL the writer recorded after the core read the timeline revises the document there")
    func sameURLEarlierInTheRun() throws {
        let store = try TimelineStore(path: directory.path("url.sqlite"))
        let run = RecordedInRun()
        try run.start(store)
        let first = try detected(document("https://a.example/1", "h-old"), [pledge(10_000_000)], in: store)
        let revision = try detected(document("https://a.example/1", "h-new"), [pledge(20_000_000)], in: store)
        #expect(revision.absentWhenRead.contains(.url))
        let outcomes = try store.record([first], run: run) + (try store.record([revision], run: run))
        #expect(outcomes[1].revisedEventIDs == outcomes[0].newEventIDs)
        #expect(try store.events().map(\.amountYuan) == [20_000_000])
    }

    @Test("without a run, what was found absent is looked up again")
    func noRun() throws {
        let path = directory.path("norun.sqlite")
        let store = try TimelineStore(path: path)
        let stale = try detected(document("https://b.example/2", "h-shared"), [pledge(30_000_000)], in: store)
        let other = try TimelineStore(path: path)
        _ = try other.record(document("https://a.example/1", "h-shared"), pledges: [pledge(10_000_000)])
        #expect(try store.record([stale])[0].newEventIDs.isEmpty)
    }
}
