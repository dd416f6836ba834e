import Foundation

/// What a backfill did for one feed.
public struct BackfillResult: Sendable {
    public var feedID: String
    public var pages = 0
    public var items = 0
    public var summary = IngestSummary()
    /// The backfill reached its date (or the end of the list); false when it stopped at its page cap or a failure.
    public var complete = false
    public var error: String?
    /// Nothing to do: the feed neither pages nor was asked to.
    public var skipped: String?

    public var line: String {
        if let skipped { return "\(feedID): backfill skipped: \(skipped)" }
        let state = error.map { "failed: \($0)" } ?? (complete ? "complete" : "stopped at the page cap")
        return "\(feedID): backfill \(state), \(pages) pages, \(items) items, \(summary.newDocuments) new documents, "
            + "\(summary.newEventIDs.count) new events"
    }
}

/// Pages back through an HTML list (`page_url`) or a JSON API until a date (`selfbuy poll --backfill --since 2025-01-01`): one page at a time, each
/// request through the host gate, each page recorded before the next is asked for, and the next page (and cursor)
/// saved in the timeline so that an interrupted backfill resumes where it stopped.
public struct Backfill: Sendable {
    public var round: PollRound
    /// The first day wanted (China time, `YYYY-MM-DD`).
    public var since: String
    /// Progress lines (stderr in the tool).
    public var onProgress: @Sendable (String) -> Void = { _ in }

    public init(round: PollRound, since: String) {
        self.round = round
        self.since = since
    }

    /// Backfills each feed in turn; feeds that do not page are skipped with a reason.
    public func run(_ feeds: [FeedDefinition]) async -> [BackfillResult] {
        let gate = HostGate(gap: round.hostGap, clock: round.clock)
        var results: [BackfillResult] = []
        for feed in feeds {
            if Task.isCancelled { break }
            results.append(await run(feed, gate: gate))
        }
        return results
    }

    func run(_ feed: FeedDefinition, gate: HostGate) async -> BackfillResult {
        var result = BackfillResult(feedID: feed.id)
        if let list = feed.html, list.pageURL != nil { return await runList(feed, list: list, gate: gate) }
        guard let api = feed.json, api.pages else {
            result.skipped = "only HTML lists with page_url and JSON APIs with a {page} or {cursor} parameter page back"
            return result
        }
        guard let sinceDate = Self.dayStart(since) else {
            result.error = "invalid date \(since)"
            return result
        }
        do {
            var progress = try round.store.feedProgress(feed.id) ?? FeedProgress(feedID: feed.id)
            var variables = round.firstPage(api, since: since)
            if progress.backfillSince == since, progress.backfillDoneAt == nil, let page = progress.backfillPage {
                variables.page = page
                variables.cursor = progress.backfillCursor ?? ""
                onProgress("\(feed.id): resuming backfill since \(since) at page \(page)")
            } else {
                progress.backfillSince = since
                progress.backfillDoneAt = nil
            }
            while result.pages < api.backfillPages {
                if Task.isCancelled { return result }
                let request = APIRequest.make(feed, api: api, variables: variables, sizeLimit: round.sizeLimit)
                let response = try await round.get(request, gate: gate)
                let page = try JSONListReader.page(
                    response.document, api: api, reader: feed.reader(), requestURL: request.url)
                result.pages += 1
                result.items += page.entries.count
                let read = try await round.items(of: page, feed: feed, api: api, olderThan: nil, gate: gate)
                let summary = try Ingestor(store: round.store, detector: round.detector).ingest(
                    read.items, sourceURL: request.url, feedID: feed.id, fetchedAt: round.clock())
                for (url, validators) in read.validators {
                    try round.store.saveValidators(validators, for: url, at: round.clock())
                }
                result.summary.add(summary)
                let dated = page.entries.compactMap(\.date)
                let oldest = dated.min { $0.epochSeconds < $1.epochSeconds }
                if let newest = dated.map(\.date).max(), progress.newestItemAt.map({ newest > $0 }) ?? true {
                    progress.newestItemAt = newest
                }
                let next = round.nextPage(after: variables, page: page, api: api)
                let reachedDate = oldest.map { $0.date < sinceDate } ?? false
                let ended = page.rows < api.pageSize || next == nil
                progress.backfillPage = next?.page
                progress.backfillCursor = next?.cursor
                if reachedDate || ended { progress.backfillDoneAt = round.clock() }
                try round.store.save(progress)
                onProgress(
                    "\(feed.id): backfill page \(variables.page): \(page.entries.count) items"
                        + (oldest.map { ", back to \($0.localDay())" } ?? "")
                        + ", \(summary.newEventIDs.count) new events")
                if reachedDate || ended {
                    result.complete = true
                    return result
                }
                guard let next else { return result }
                variables = next
            }
        } catch {
            result.error = "\(error)"
        }
        return result
    }
}

extension Backfill {
    /// The instant a China day (`YYYY-MM-DD`) starts.
    static func dayStart(_ day: String) -> Date? {
        guard day.count == 10, let parsed = DateParser(timeZone: DateParser.china).parse(day) else { return nil }
        return parsed.date
    }
}
