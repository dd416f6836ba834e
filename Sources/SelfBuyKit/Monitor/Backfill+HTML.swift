import Foundation

/// Backfill of an HTML notice list: its first page is the feed's URL, the older ones `page_url` with `{page}` (AMAC's
/// `index_1.html`, `index_2.html`…). Page after page until an entry older than `--since`, an empty page or a page
/// that does not exist (404), at most ``FeedDefinition/HTMLList/backfillPages``; each page recorded before the next
/// is asked for and the next page saved, so that an interrupted backfill resumes there.
extension Backfill {
    func runList(_ feed: FeedDefinition, list: FeedDefinition.HTMLList, gate: HostGate) async -> BackfillResult {
        var result = BackfillResult(feedID: feed.id)
        guard let sinceDate = Self.dayStart(since) else {
            result.error = "invalid date \(since)"
            return result
        }
        do {
            var progress = try round.store.feedProgress(feed.id) ?? FeedProgress(feedID: feed.id)
            var index = 0
            if progress.backfillSince == since, progress.backfillDoneAt == nil, let page = progress.backfillPage {
                index = page
                onProgress("\(feed.id): resuming backfill since \(since) at page \(page)")
            } else {
                progress.backfillSince = since
                progress.backfillDoneAt = nil
            }
            while result.pages < FeedDefinition.HTMLList.backfillPages {
                if Task.isCancelled { return result }
                guard let url = list.pageURL(index, first: feed.url) else { break }
                var request = FetchRequest(url: url, timeout: feed.timeout, sizeLimit: round.sizeLimit)
                request.headers = feed.requestHeaders
                let response = try await round.get(request, gate: gate, checking: false)
                if response.status == 404, index > 0 {
                    // Past the last page.
                    progress.backfillDoneAt = round.clock()
                    try round.store.save(progress)
                    result.complete = true
                    return result
                }
                try PollRound.check(response)
                let reader = feed.reader()
                let entries = try HTMLListReader.entries(response.document, list: list, reader: reader)
                result.pages += 1
                result.items += entries.count
                var items: [FeedItem] = []
                for entry in entries where feed.accepts(title: entry.title) {
                    if try round.store.hasDocument(url: entry.link) { continue }
                    guard list.follow else {
                        items.append(round.listItem(entry))
                        continue
                    }
                    let followed = try await round.follow(entry, feed: feed, gate: gate)
                    if let (link, validators) = followed.validators {
                        try round.store.saveValidators(validators, for: link, at: round.clock())
                    }
                    if let item = followed.item { items.append(item) }
                }
                let summary = try Ingestor(store: round.store, detector: round.detector).ingest(
                    items, sourceURL: url, feedID: feed.id, fetchedAt: round.clock())
                result.summary.add(summary)
                let oldest = entries.compactMap(\.date).min { $0.epochSeconds < $1.epochSeconds }
                let reachedDate = oldest.map { $0.date < sinceDate } ?? false
                let ended = entries.isEmpty || list.pageURL == nil
                progress.backfillPage = index + 1
                if reachedDate || ended { progress.backfillDoneAt = round.clock() }
                try round.store.save(progress)
                onProgress(
                    "\(feed.id): backfill page \(index): \(entries.count) items"
                        + (oldest.map { ", back to \($0.localDay())" } ?? "")
                        + ", \(summary.newEventIDs.count) new events")
                if reachedDate || ended {
                    result.complete = true
                    return result
                }
                index += 1
            }
        } catch {
            result.error = "\(error)"
        }
        return result
    }
}
