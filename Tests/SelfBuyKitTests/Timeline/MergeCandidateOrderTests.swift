import Foundation
import GRDB
import Testing

@testable import SelfBuyKit

@Suite("Merge candidates are sorted as SQLite's ORDER BY date, id sorts them")
struct MergeCandidateOrderTests {
    static func event(id: String, date: String?) -> TimelineEvent {
        TimelineEvent(
            id: id, date: date, issuer: "华夏基金", issuerFull: "华夏基金管理有限公司", amountYuan: nil, amountUpperYuan: nil,
            amountBound: nil, currency: "CNY", holdingPeriod: nil, fundType: .equity, status: .planned, evidence: "e",
            sources: [])
    }

    @Test("undated events first, then by date and id compared byte by byte", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func sameOrderAsSQLite(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        // Ids and dates that sort differently by bytes and by Swift's String comparison (é precomposed and not,
        // full-width digits), with many ties on the date.
        let idParts = ["ev-0", "ev-a", "ev-A", "ev-é", "ev-e\u{301}", "ev-１", "ev-", "ev-00"]
        let dates: [String?] = [nil, "2025-08-26", "2025-08-27", "2025-8-26", "２０２５-08-26", "2025-08-26 "]
        var events: [TimelineEvent] = []
        var ids: Set<String> = []
        while events.count < 40 {
            let id = idParts.randomElement(using: &random)! + String(random.next() % 50)
            guard ids.insert(id).inserted else { continue }
            events.append(Self.event(id: id, date: dates.randomElement(using: &random)!))
        }
        let queue = try DatabaseQueue()
        let expected = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY, date TEXT)")
            for event in events {
                try db.execute(sql: "INSERT INTO t (id, date) VALUES (?, ?)", arguments: [event.id, event.date])
            }
            return try String.fetchAll(db, sql: "SELECT id FROM t ORDER BY date, id")
        }
        #expect(TimelineStore.sortedByDateAndID(events.shuffled(using: &random)).map(\.id) == expected)
    }
}
