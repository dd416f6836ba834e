import Foundation
import LoopbackServer
import Testing

@testable import SelfBuyKit

@Suite("JSON APIs over HTTP: paging, staleness, backfill", .serialized)
struct JSONPollTests {
    let harness: PollHarness

    init() throws { harness = try PollHarness() }

    /// Two full pages of two rows and a short third page, newest first, from 2025-08-26 back one day per row.
    /// With `failing`, page 2 answers 503 the first time it is asked for.
    static func pagedServer(failing: RequestCounter? = nil) throws -> LoopbackServer {
        try LoopbackServer { request in
            if request.path.contains("page=2"), let failing, failing.next() == 0 {
                return .respond(status: 503, headers: [], body: [])
            }
            let page = Int(request.path.components(separatedBy: "page=").last?.prefix { $0.isNumber } ?? "1") ?? 1
            let rows = (page == 3 ? [0] : [0, 1]).map { index -> String in
                let day = 26 - ((page - 1) * 2 + index)
                let text =
                    day == 23 ? PollHarness.pledge.text : "8月\(day)日，基金市场平稳运行。"
                return
                    #"{"id":"\#(page)-\#(index)","title":"第\#(page)页第\#(index)条","time":"2025-08-\#(day) 10:00","content":"\#(text)"}"#
            }
            return .ok(#"{"state":1,"data":[\#(rows.joined(separator: ","))]}"#, contentType: "application/json")
        }
    }

    func feed(_ url: String, staleAfter: TimeInterval? = nil) -> FeedDefinition {
        var feed = harness.feed("api", url, kind: .json)
        var api = FeedDefinition.JSONAPI(items: "data")
        api.date = "time"
        api.guid = "id"
        api.link = "https://news.example.cn/{id}"
        api.text = "content"
        api.pageSize = 2
        api.parameters = [("page", .text("{page}")), ("size", .text("{page_size}"))]
        api.expectations = [.init(path: "state", value: .integer(1))]
        feed.json = api
        feed.staleAfterSetting = staleAfter
        return feed
    }

    @Test("pages until a short page, and stores the pledge found on page 2")
    func pagesToShortPage() async throws {
        let server = try Self.pagedServer()
        let result = try #require(await harness.round().run([feed(server.baseURL + "/api")], all: true).first)
        #expect(result.error == nil)
        #expect(result.pages == 3)
        #expect(result.items == 5)
        #expect(result.summary.newEventIDs.count == 1)
        #expect(server.requests.map(\.path) == ["/api?page=1&size=2", "/api?page=2&size=2", "/api?page=3&size=2"])
    }

    @Test("a second poll stops at the first page holding an item already stored")
    func stopsAtKnownItem() async throws {
        let server = try Self.pagedServer()
        _ = await harness.round().run([feed(server.baseURL + "/api")], all: true)
        var round = harness.round()
        round.clock = { Date().addingTimeInterval(1) }
        // A new body (the cache-busted first page differs) is read again, and paging ends on page 1.
        try DatabaseHelper.open(harness.store.path).execute("UPDATE feed_state SET body_hash = NULL")
        let second = try #require(await round.run([feed(server.baseURL + "/api")], all: true).first)
        #expect(second.pages == 1)
        #expect(server.requests.count == 4)
    }

    @Test("a feed whose newest item is older than stale_after is flagged, and feeds status says so")
    func stale() async throws {
        let server = try Self.pagedServer()
        let definition = feed(server.baseURL + "/api", staleAfter: 3 * 86400)
        let result = try #require(await harness.round().run([definition], all: true).first)
        #expect(result.stale?.hasPrefix("stale: newest item 2025-08-26 is ") == true)
        let report = FeedStatusReport(
            feeds: [definition], states: try harness.store.feedStates(), progress: try harness.store.feedProgresses(),
            now: Date())
        #expect(report.needsAttention)
        #expect(report.table().contains("STALE"))
        // Without its definition (feeds status run away from its --feeds folder), the list default still flags it.
        let undefined = FeedStatusReport(
            feeds: [], states: try harness.store.feedStates(), progress: try harness.store.feedProgresses(), now: Date()
        )
        #expect(undefined.needsAttention)
        #expect(undefined.stale["api"]?.contains("definition not loaded") == true)
        let fresh = FeedStatusReport(
            feeds: [], states: try harness.store.feedStates(), progress: try harness.store.feedProgresses(),
            now: ISO8601DateFormatter().date(from: "2025-08-30T00:00:00Z")!)
        #expect(!fresh.needsAttention)
    }

    @Test("backfill pages back until --since, and resumes at the saved page after an interruption")
    func backfillResumes() async throws {
        // The second page fails once: the backfill stops there and keeps page 2 as its next page.
        let server = try Self.pagedServer(failing: RequestCounter())
        let definition = feed(server.baseURL + "/api")
        let first = try #require(await Backfill(round: harness.round(), since: "2025-08-22").run([definition]).first)
        #expect(first.error?.contains("HTTP 503") == true)
        #expect(try harness.store.feedProgress("api")?.backfillPage == 2)
        let lines = LineLog()
        var backfill = Backfill(round: harness.round(), since: "2025-08-22")
        backfill.onProgress = { lines.append($0) }
        let second = try #require(await backfill.run([definition]).first)
        #expect(second.complete)
        #expect(second.summary.newEventIDs.count == 1)
        #expect(lines.lines.first == "api: resuming backfill since 2025-08-22 at page 2")
        #expect(try harness.store.feedProgress("api")?.backfillDoneAt != nil)
    }
}

/// Lines collected from a `@Sendable` callback.
final class LineLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }
}
