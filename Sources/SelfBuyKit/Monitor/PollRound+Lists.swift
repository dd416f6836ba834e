import Foundation

/// List reading: an HTML list page's entries (XPaths), a JSON API's pages (paths and templates), or a feed's items.
extension PollRound {
    /// Parses a changed body into the fetch's items.
    func read(_ response: FetchResponse, request: FetchRequest, into outcome: inout FeedFetch, gate: HostGate)
        async throws
    {
        let feed = outcome.feed
        if let api = feed.json {
            try await readAPI(response, request: request, api: api, into: &outcome, gate: gate)
            return
        }
        let reader = feed.reader()
        if let list = feed.html {
            let entries = try HTMLListReader.entries(response.document, list: list, reader: reader)
            if entries.isEmpty {
                throw HTMLListError.selectorMatchedNothing(
                    xpath: list.item, previously: outcome.state.lastItemCount ?? 0)
            }
            outcome.state.lastItemCount = entries.count
            outcome.result.items = entries.count
            for entry in entries {
                outcome.saw(entry.date)
                guard feed.accepts(title: entry.title) else { continue }
                guard list.follow else {
                    outcome.items.append(listItem(entry))
                    continue
                }
                let followed = try await follow(entry, feed: feed, gate: gate)
                if let validators = followed.validators { outcome.validators.append(validators) }
                if let item = followed.item { outcome.items.append(item) }
                if let problem = followed.problem { outcome.result.unreadable.append(problem) }
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
        for item in parsed.items { outcome.saw(item.published) }
        outcome.items = parsed.items.filter { feed.accepts(title: $0.title) }
    }

    /// Reads a JSON API from its first reply on, page after page, until a short page, an item already stored or
    /// older than the newest seen before, or `max_pages`.
    private func readAPI(
        _ first: FetchResponse, request: FetchRequest, api: FeedDefinition.JSONAPI, into outcome: inout FeedFetch,
        gate: HostGate
    ) async throws {
        let feed = outcome.feed
        let previousNewest = try store.feedProgress(feed.id)?.newestItemAt
        var variables = firstPage(api, since: nil)
        var response = first
        var requestURL = request.url
        while true {
            let page = try JSONListReader.page(
                response.document, api: api, reader: feed.reader(), requestURL: requestURL)
            outcome.result.pages += 1
            if outcome.result.pages == 1, page.rows == 0, let previous = outcome.state.lastItemCount, previous > 0,
                !api.parameters.contains(where: { $0.value.mentions("from") })
            {
                throw HTMLListError.selectorMatchedNothing(xpath: api.items, previously: previous)
            }
            outcome.result.items += page.entries.count
            for entry in page.entries { outcome.saw(entry.date) }
            let read = try await items(of: page, feed: feed, api: api, olderThan: previousNewest, gate: gate)
            outcome.items += read.items
            outcome.validators += read.validators
            outcome.result.unreadable += read.problems
            guard api.pages, !read.reachedKnown, page.rows >= api.pageSize, outcome.result.pages < api.maxPages,
                let next = nextPage(after: variables, page: page, api: api)
            else { break }
            variables = next
            let nextRequest = APIRequest.make(feed, api: api, variables: variables, sizeLimit: sizeLimit)
            requestURL = nextRequest.url
            response = try await get(nextRequest, gate: gate)
        }
        outcome.state.lastItemCount = outcome.result.items
    }

    /// The variables of the page after `page`: the next number, or the reply's cursor (nil when it has none or
    /// repeats itself, which ends paging).
    func nextPage(after variables: RequestVariables, page: JSONPage, api: FeedDefinition.JSONAPI)
        -> RequestVariables?
    {
        var next = variables
        next.page += 1
        next.now = clock()
        if api.cursor != nil {
            guard let cursor = page.cursor, !cursor.isEmpty, cursor != variables.cursor else { return nil }
            next.cursor = cursor
        }
        return next
    }

    /// What one API page yields: the items of its entries that pass `match` and are not stored yet (their bodies
    /// inline, fetched, or followed), and whether the page reached what an earlier poll already read.
    func items(
        of page: JSONPage, feed: FeedDefinition, api: FeedDefinition.JSONAPI, olderThan previousNewest: Date?,
        gate: HostGate
    ) async throws -> (
        items: [FeedItem], validators: [(String, URLValidators)], reachedKnown: Bool, problems: [String]
    ) {
        var items: [FeedItem] = []
        var validators: [(String, URLValidators)] = []
        var problems: [String] = []
        var reachedKnown = false
        for entry in page.entries {
            if let previousNewest, let date = entry.date?.date, date < previousNewest { reachedKnown = true }
            if try store.hasDocument(url: entry.link) {
                reachedKnown = true
                continue
            }
            guard feed.accepts(title: entry.title) else { continue }
            let followed = try await follow(entry, feed: feed, api: api, gate: gate)
            if let pair = followed.validators { validators.append(pair) }
            if let item = followed.item { items.append(item) }
            if let problem = followed.problem { problems.append(problem) }
        }
        return (items, validators, reachedKnown, problems)
    }

    /// A list entry as an item of its own (`follow = false`): its title is its text.
    func listItem(_ entry: ListEntry) -> FeedItem {
        FeedItem(title: entry.title, link: entry.link, published: entry.date, text: entry.title ?? "")
    }
}
