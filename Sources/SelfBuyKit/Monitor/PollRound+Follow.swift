import Foundation

/// Following: an HTML list entry to its detail page, a JSON item to its detail reply or page; a PDF goes to the
/// source reader's PDF reading, and one that cannot be read (encrypted, over the caps) keeps its list title and is
/// reported as unreadable in the feed's result.
extension PollRound {
    /// An item, and the validators to store for its page once it is recorded.
    struct Followed: Sendable {
        var item: FeedItem?
        var validators: (String, URLValidators)?
        /// Why the followed document could not be read (`URL: PDF …`), when it could not.
        var problem: String?
    }

    /// The item of a list entry read from its detail page (fetched conditionally when seen before, skipped when
    /// unchanged).
    func follow(_ entry: ListEntry, feed: FeedDefinition, gate: HostGate) async throws -> Followed {
        guard let url = URL(string: entry.link) else { return Followed(item: listItem(entry)) }
        let known = try store.validators(for: entry.link)
        var request = FetchRequest(
            url: url, etag: known?.etag, lastModified: known?.lastModified, timeout: feed.timeout, sizeLimit: sizeLimit)
        request.headers = feed.requestHeaders
        let response = try await get(request, gate: gate)
        if response.notModified { return Followed() }
        let hash = ContentHash.hex(ContentHash.sha256(response.body))
        if hash == known?.bodyHash { return Followed() }
        let reader = feed.reader()
        if SourceReader.isPDF(response.body) {
            do {
                let read = try reader.readPDF(response.body, url: response.url)
                return Followed(item: merge(read, with: entry), validators: validators(entry.link, response, hash))
            } catch {
                // Not remembered: a later poll tries again (a cap may be raised, a file replaced).
                return Followed(item: listItem(entry), problem: "\(entry.link): \(error)")
            }
        }
        let parsed = try reader.read(response.body, url: response.url, contentType: response.contentType)
        guard let item = parsed.items.first else { return Followed() }
        return Followed(item: merge(item, with: entry), validators: validators(entry.link, response, hash))
    }

    /// The item of a JSON entry: its inline body, its detail reply (`detail_url` → `detail_text`), or its followed
    /// link; else its title alone.
    func follow(_ entry: JSONEntry, feed: FeedDefinition, api: FeedDefinition.JSONAPI, gate: HostGate)
        async throws -> Followed
    {
        let listed = ListEntry(title: entry.title, link: entry.link, date: entry.date)
        var item = FeedItem(
            title: entry.title, link: entry.link, published: entry.date, text: entry.text ?? entry.title ?? "",
            guid: entry.guid)
        if let detail = entry.detailURL {
            var request = FetchRequest(url: detail, timeout: feed.timeout, sizeLimit: sizeLimit)
            request.headers = feed.requestHeaders
            let response = try await get(request, gate: gate)
            if SourceReader.isPDF(response.body) {
                do {
                    item.text = try feed.reader().readPDF(response.body, url: detail).text
                } catch {
                    return Followed(item: item, problem: "\(detail.absoluteString): \(error)")
                }
                return Followed(item: item)
            }
            item.text = try JSONListReader.detailText(response.document, api: api, reader: feed.reader(), url: detail)
            return Followed(item: item)
        }
        if api.follow, entry.text == nil, let scheme = URL(string: entry.link)?.scheme?.lowercased(),
            ["http", "https", "file"].contains(scheme)
        {
            var followed = try await follow(listed, feed: feed, gate: gate)
            followed.item?.guid = entry.guid
            return followed
        }
        return Followed(item: item)
    }

    /// A page's item with the list's link, title and (unless the page refines it) date.
    func merge(_ read: FeedItem, with entry: ListEntry) -> FeedItem {
        var item = read
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

    private func validators(_ link: String, _ response: FetchResponse, _ hash: String) -> (String, URLValidators) {
        (link, URLValidators(etag: response.etag, lastModified: response.lastModified, bodyHash: hash))
    }
}
