import Foundation
import GRDB
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("A text at a further URL copies its first copy's sources")
struct CopiedSourcesTests {
    let directory: TemporaryDirectory
    let fetchedAt = Date(timeIntervalSince1970: 1_756_000_000)

    init() throws { directory = try TemporaryDirectory() }

    func pledge(_ issuer: String, _ yuan: Int64, at start: Int, _ sentence: String) -> Pledge {
        Pledge(
            issuer: issuer, issuerFull: issuer + "管理有限公司", issuerMention: issuer, amountYuan: yuan,
            amountBound: .exact, holdingPeriod: nil, fundType: .equity, status: .planned, date: "2025-08-01",
            evidence: Evidence(text: sentence, start: start, end: start + sentence.count))
    }

    func document(_ url: String, published: String) -> DocumentRecord {
        DocumentRecord(
            url: url, title: "自购", published: DateParser().parse(published), fetchedAt: fetchedAt,
            contentHash: "shared-text", urlIdentifiesDocument: true)
    }

    @Test(
        "every source again, in the order of each event's first evidence then by id, summaries as a recount gives them")
    func copiesEverySource() throws {
        let store = try TimelineStore(path: directory.path("copies.sqlite"))
        let both = "华夏基金与易方达基金分别出资1000万元、2000万元自购。"
        let later = "南方基金随后出资500万元。"
        // Two pledges in one sentence (the same evidence start) and a third event with two sentences.
        let pledges = [
            pledge("易方达基金", 20_000_000, at: 0, both), pledge("华夏基金", 10_000_000, at: 0, both),
            pledge("南方基金", 5_000_000, at: 40, later), pledge("南方基金", 5_000_000, at: 30, "南方基金出资500万元。"),
        ]
        let first = try store.record(document("https://a.example/1", published: "2025-08-02 09:00"), pledges: pledges)
        // A document's two pledges of one issuer are two events (one never merges into an event it already reports).
        #expect(first.newEventIDs.count == 4)
        let copy = try store.record(document("https://b.example/1", published: "2025-08-01 09:00"), pledges: [])
        #expect(copy.storedDocument && copy.newEventIDs.isEmpty)
        // What SQLite's GROUP BY event_id ORDER BY MIN(evidence_start) gives for the copy's sources.
        let expected = try store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT event_id FROM event_sources WHERE document_id = (SELECT MAX(id) FROM documents)
                    GROUP BY event_id ORDER BY MIN(evidence_start)
                    """)
        }
        #expect(copy.mergedEventIDs == expected)
        #expect(Set(copy.mergedEventIDs) == Set(first.newEventIDs))
        // Each event's count, first source and evidence as kept per added source equal a recount from its sources.
        let kept = try store.events(withSources: false)
        #expect(try store.counts().sources == 8)
        #expect(kept.allSatisfy { $0.firstSourceURL == "https://b.example/1" }, "the copy was published first")
        try store.write { db in
            for event in kept { try TimelineStore.refreshSourceSummary(db, eventID: event.id) }
        }
        for (before, after) in zip(kept, try store.events(withSources: false)) {
            #expect(before.sourceCount == after.sourceCount, "\(before.issuer)")
            #expect(before.firstSourceURL == after.firstSourceURL, "\(before.issuer)")
            #expect(before.evidence == after.evidence, "\(before.issuer)")
        }
    }
}
