import Foundation
import SelfBuyDetection

/// How one feed's poll went.
public struct FeedResult: Sendable {
    public var feedID: String
    public var status: Int?
    public var items = 0
    public var summary = IngestSummary()
    public var error: String?
    public var skippedUnchanged = false

    public var failed: Bool { error != nil }

    public var line: String {
        if let error { return "\(feedID): failed: \(error)" }
        if status == 304 { return "\(feedID): 304 not modified" }
        if skippedUnchanged { return "\(feedID): \(status.map(String.init) ?? "ok") body unchanged" }
        return
            "\(feedID): \(status.map(String.init) ?? "ok"), \(items) items, \(summary.newDocuments) new documents, "
            + "\(summary.newEventIDs.count) new events"
    }
}

/// A failure of one feed, typed so that `feeds status` and the log say what went wrong.
public enum PollError: Error, Sendable, CustomStringConvertible {
    case http(Int, url: String)
    case antiBot(url: String)

    public var description: String {
        switch self {
        case .http(let status, let url): return "\(url) returned HTTP \(status)"
        case .antiBot(let url): return "\(url): blocked by anti-bot challenge"
        }
    }
}

/// One polling round: every due feed fetched, parsed, detected and recorded; one failing feed never stops the others.
public struct PollRound: Sendable {
    public var store: TimelineStore
    public var transport: any Transport
    public var detector: PledgeDetector
    public var policy = RetryPolicy()
    /// Largest response accepted.
    public var sizeLimit = 10 * 1024 * 1024
    /// Feeds polled at once.
    public var concurrency = 4
    /// Minimum gap between two requests to one host.
    public var hostGap: TimeInterval = 2
    public var clock: @Sendable () -> Date = { Date() }
    /// Called with each feed's result as it finishes (progress lines, logs).
    public var onResult: @Sendable (FeedResult) -> Void = { _ in }

    public init(store: TimelineStore, transport: any Transport, detector: PledgeDetector = .standard) {
        self.store = store
        self.transport = transport
        self.detector = detector
    }

    /// Polls the feeds that are due (all of them with `all`): fetched at most ``concurrency`` at a time and one request
    /// at a time per host, then recorded in definition order, so that a fresh timeline gets the same event ids from
    /// the same sources whatever order the responses arrived in.
    public func run(_ feeds: [FeedDefinition], all: Bool = false) async -> [FeedResult] {
        let fetched = await fetchAll(due(feeds, all: all))
        return recordAll(fetched)
    }

    /// The feeds whose next poll is due (all of them with `all`).
    public func due(_ feeds: [FeedDefinition], all: Bool = false) -> [FeedDefinition] {
        let now = clock()
        return feeds.filter { feed in
            let state = try? store.feedState(feed.id)
            return all || state?.nextDueAt.map { $0 <= now } ?? true
        }
    }

    /// Records fetches in the order given; a fetch cancelled by shutdown is neither recorded nor counted as a
    /// failure, so the next start polls it again.
    public func recordAll(_ fetched: [FeedFetch]) -> [FeedResult] {
        var results: [FeedResult] = []
        for outcome in fetched where !outcome.cancelled {
            let result = record(outcome)
            results.append(result)
            onResult(result)
        }
        return results
    }

    /// Fetches and parses feeds, at most ``concurrency`` at once and one request at a time per host; returns them
    /// in the order given.
    public func fetchAll(_ due: [FeedDefinition]) async -> [FeedFetch] {
        let gate = HostGate(gap: hostGap, clock: clock)
        var fetched: [String: FeedFetch] = [:]
        await withTaskGroup(of: FeedFetch.self) { group in
            var iterator = due.makeIterator()
            for _ in 0..<max(1, concurrency) {
                guard let feed = iterator.next() else { break }
                group.addTask { await self.fetch(feed, gate: gate) }
            }
            while let result = await group.next() {
                fetched[result.feed.id] = result
                if let feed = iterator.next() { group.addTask { await self.fetch(feed, gate: gate) } }
            }
        }
        return due.compactMap { fetched[$0.id] }
    }

    /// What fetching one feed produced, not yet recorded.
    public struct FeedFetch: Sendable {
        var feed: FeedDefinition
        var state: FeedState
        var result: FeedResult
        var items: [FeedItem] = []
        var sourceURL: URL
        var retryAfter: TimeInterval?
        /// Detail-page validators to store once their items are recorded.
        var validators: [(String, URLValidators)] = []
        var bodyHash: String?
        /// Shutdown cancelled the fetch: nothing is recorded for it.
        var cancelled = false
    }

    /// Records a fetch: items first (each document its own transaction), then validators and state, so that a crash in
    /// between re-fetches rather than skips what was not recorded.
    func record(_ fetch: FeedFetch) -> FeedResult {
        var state = fetch.state
        var result = fetch.result
        if result.error == nil {
            do {
                let ingestor = Ingestor(store: store, detector: detector)
                result.summary = try ingestor.ingest(
                    fetch.items, sourceURL: fetch.sourceURL, feedID: fetch.feed.id, fetchedAt: clock())
                for (url, validators) in fetch.validators {
                    try store.saveValidators(validators, for: url, at: clock())
                }
                if let hash = fetch.bodyHash { state.bodyHash = hash }
                state.consecutiveFailures = 0
                state.lastError = nil
            } catch {
                result.error = "\(error)"
            }
        }
        if let error = result.error {
            state.consecutiveFailures += 1
            state.lastError = error
        }
        let now = clock()
        state.lastPolledAt = now
        state.nextDueAt = policy.nextPoll(
            after: now, interval: fetch.feed.interval, failures: state.consecutiveFailures, retryAfter: fetch.retryAfter
        )
        do {
            try store.save(state)
        } catch {
            result.error = result.error ?? "cannot save feed state: \(error)"
        }
        return result
    }

    /// Fetches and parses one feed; never throws, failures are in the result.
    func fetch(_ feed: FeedDefinition, gate: HostGate) async -> FeedFetch {
        var state = (try? store.feedState(feed.id)) ?? FeedState(feedID: feed.id, url: feed.url.absoluteString)
        if state.url != feed.url.absoluteString {
            state = FeedState(feedID: feed.id, url: feed.url.absoluteString)
        }
        let url = state.finalURL.flatMap(URL.init(string:)) ?? feed.url
        var outcome = FeedFetch(feed: feed, state: state, result: FeedResult(feedID: feed.id), sourceURL: url)
        do {
            let request = FetchRequest(
                url: url, etag: state.etag, lastModified: state.lastModified, timeout: feed.timeout,
                sizeLimit: sizeLimit)
            let response = try await gate.run(host: url.host ?? "") { try await transport.fetch(request) }
            outcome.result.status = response.status
            outcome.state.lastStatus = response.status
            if response.status == 429 || response.status == 503 { outcome.retryAfter = response.retryAfter }
            try Self.check(response)
            outcome.sourceURL = response.url
            if let moved = response.permanentRedirect { outcome.state.finalURL = moved.absoluteString }
            if let etag = response.etag { outcome.state.etag = etag }
            if let lastModified = response.lastModified { outcome.state.lastModified = lastModified }
            if !response.notModified {
                let hash = ContentHash.hex(ContentHash.sha256(response.body))
                if hash == state.bodyHash {
                    outcome.result.skippedUnchanged = true
                } else {
                    try await read(response, into: &outcome, gate: gate)
                    outcome.bodyHash = hash
                }
            }
        } catch {
            outcome.result.error = "\(error)"
            if Task.isCancelled { outcome.cancelled = true }
        }
        return outcome
    }

    static func check(_ response: FetchResponse) throws {
        if response.status == 304 || (200..<300).contains(response.status) { return }
        if response.status == 403, response.headers["cf-mitigated"]?.lowercased() == "challenge" {
            throw PollError.antiBot(url: response.url.absoluteString)
        }
        throw PollError.http(response.status, url: response.url.absoluteString)
    }

    /// Parses a changed body: a feed's items, or an HTML list page's entries and their detail pages.
    private func read(_ response: FetchResponse, into outcome: inout FeedFetch, gate: HostGate) async throws {
        let feed = outcome.feed
        let reader = feed.reader()
        if let list = feed.html {
            let entries = try HTMLListReader.entries(response.document, list: list, reader: reader)
            if entries.isEmpty {
                throw HTMLListError.selectorMatchedNothing(
                    xpath: list.item, previously: outcome.state.lastItemCount ?? 0)
            }
            outcome.state.lastItemCount = entries.count
            outcome.result.items = entries.count
            for entry in entries where feed.accepts(title: entry.title) {
                if let item = try await detail(entry, list: list, into: &outcome, gate: gate) {
                    outcome.items.append(item)
                }
            }
            return
        }
        let expecting: SourceKind? = feed.kind == .html ? nil : feed.kind
        let parsed = try reader.read(
            response.body, url: response.url, contentType: response.contentType, expecting: expecting)
        if parsed.items.isEmpty, let previous = outcome.state.lastItemCount, previous > 0 {
            throw HTMLListError.selectorMatchedNothing(xpath: "//item | //entry", previously: previous)
        }
        outcome.state.lastItemCount = parsed.items.count
        outcome.result.items = parsed.items.count
        outcome.items = parsed.items.filter { feed.accepts(title: $0.title) }
    }

    /// The item of a list entry: its detail page when the definition follows links (fetched conditionally when seen
    /// before, skipped when unchanged), else the entry itself.
    private func detail(
        _ entry: ListEntry, list: FeedDefinition.HTMLList, into outcome: inout FeedFetch, gate: HostGate
    ) async throws -> FeedItem? {
        let feed = outcome.feed
        guard list.follow, let url = URL(string: entry.link) else {
            return FeedItem(title: entry.title, link: entry.link, published: entry.date, text: entry.title ?? "")
        }
        let known = try store.validators(for: entry.link)
        let request = FetchRequest(
            url: url, etag: known?.etag, lastModified: known?.lastModified, timeout: feed.timeout, sizeLimit: sizeLimit)
        let response = try await gate.run(host: url.host ?? "") { try await transport.fetch(request) }
        try Self.check(response)
        if response.notModified { return nil }
        let hash = ContentHash.hex(ContentHash.sha256(response.body))
        outcome.validators.append(
            (entry.link, URLValidators(etag: response.etag, lastModified: response.lastModified, bodyHash: hash)))
        if hash == known?.bodyHash { return nil }
        let parsed = try feed.reader().read(response.body, url: response.url, contentType: response.contentType)
        guard var item = parsed.items.first else { return nil }
        item.link = entry.link
        if let title = entry.title, !title.isEmpty { item.title = title }
        // A detail page's own time of day refines a list's date-only entry of the same day; otherwise the list's
        // date stands.
        if let listDate = entry.date,
            !(item.published?.hasTime == true && item.published?.localDay() == listDate.localDay())
        {
            item.published = listDate
        }
        return item
    }
}

/// At most one request in flight per host, and a minimum gap between two requests to it.
actor HostGate {
    let gap: TimeInterval
    let clock: @Sendable () -> Date
    private var nextAllowed: [String: Date] = [:]
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(gap: TimeInterval, clock: @escaping @Sendable () -> Date) {
        self.gap = gap
        self.clock = clock
    }

    /// Runs a request to `host` in turn; local files (no host) are not throttled.
    func run<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        if host.isEmpty { return try await body() }
        await acquire(host)
        if let allowed = nextAllowed[host] {
            let wait = allowed.timeIntervalSince(clock())
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        }
        defer { release(host) }
        return try await body()
    }

    private func acquire(_ host: String) async {
        if !busy.contains(host) {
            busy.insert(host)
            return
        }
        await withCheckedContinuation { continuation in waiters[host, default: []].append(continuation) }
    }

    private func release(_ host: String) {
        nextAllowed[host] = clock().addingTimeInterval(gap)
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue
            next.resume()
        } else {
            busy.remove(host)
        }
    }
}
