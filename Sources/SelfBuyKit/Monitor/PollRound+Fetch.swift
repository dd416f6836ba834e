import Foundation

/// Fetching: a feed's first request (conditional for GET), every later request through the host gate, and the status
/// checks that turn an HTTP error or an anti-bot challenge into a named failure.
extension PollRound {
    /// Fetches and parses one feed; never throws, failures are in the result.
    func fetch(_ feed: FeedDefinition, gate: HostGate) async -> FeedFetch {
        var state = (try? store.feedState(feed.id)) ?? FeedState(feedID: feed.id, url: feed.url.absoluteString)
        if state.url != feed.url.absoluteString {
            state = FeedState(feedID: feed.id, url: feed.url.absoluteString)
        }
        let url = state.finalURL.flatMap(URL.init(string:)) ?? feed.url
        var outcome = FeedFetch(feed: feed, state: state, result: FeedResult(feedID: feed.id), sourceURL: url)
        do {
            var request: FetchRequest
            if let api = feed.json {
                request = APIRequest.make(
                    feed, api: api, variables: firstPage(api, since: nil), sizeLimit: sizeLimit)
            } else {
                request = FetchRequest(url: url, timeout: feed.timeout, sizeLimit: sizeLimit)
                request.headers = feed.requestHeaders
            }
            if request.method == "GET" {
                request.etag = state.etag
                request.lastModified = state.lastModified
            }
            let response = try await get(request, gate: gate, checking: false)
            outcome.result.status = response.status
            outcome.state.lastStatus = response.status
            if response.status == 429 || response.status == 503 { outcome.retryAfter = response.retryAfter }
            try Self.check(response)
            outcome.sourceURL = response.url
            if let moved = response.permanentRedirect, feed.json == nil {
                outcome.state.finalURL = moved.absoluteString
            }
            if let etag = response.etag { outcome.state.etag = etag }
            if let lastModified = response.lastModified { outcome.state.lastModified = lastModified }
            if !response.notModified {
                let hash = ContentHash.hex(ContentHash.sha256(response.body))
                if hash == state.bodyHash {
                    outcome.result.skippedUnchanged = true
                } else {
                    try await read(response, request: request, into: &outcome, gate: gate)
                    outcome.bodyHash = hash
                }
            }
        } catch {
            outcome.result.error = "\(error)"
            if Task.isCancelled { outcome.cancelled = true }
        }
        return outcome
    }

    /// The variables of an API's first page: the window of its last `window_days` (or from `since`).
    func firstPage(_ api: FeedDefinition.JSONAPI, since: String?) -> RequestVariables {
        let window = RequestVariables.window(days: api.windowDays, since: since, now: clock())
        return RequestVariables(
            page: api.pageStart, pageSize: api.pageSize, from: window.from, to: window.to, now: clock())
    }

    /// One request in turn for its host, failing on an HTTP error status.
    func get(_ request: FetchRequest, gate: HostGate, checking: Bool = true) async throws -> FetchResponse {
        let response = try await gate.run(host: request.url.host ?? "") { try await transport.fetch(request) }
        if checking { try Self.check(response) }
        return response
    }

    static func check(_ response: FetchResponse) throws {
        if response.status == 304 || (200..<300).contains(response.status) { return }
        if response.status == 403, response.headers["cf-mitigated"]?.lowercased() == "challenge" {
            throw PollError.antiBot(url: response.url.absoluteString)
        }
        throw PollError.http(response.status, url: response.url.absoluteString)
    }
}
