import Foundation

/// An item of a JSON API's list: what the field mappings of a definition read from it.
public struct JSONEntry: Sendable, Hashable {
    public var title: String?
    /// Absolute link, or the feed's URL with `#` and the guid when the item has none.
    public var link: String
    public var date: PublishedDate?
    public var guid: String?
    /// The inline body, as plain text.
    public var text: String?
    /// Where the body is fetched from, for definitions with a `detail_url`.
    public var detailURL: URL?
}

/// One page of a JSON API: its entries, how many rows it held, and the cursor to the next page.
public struct JSONPage: Sendable {
    public var entries: [JSONEntry]
    /// Rows in the item array (entries without a usable title or link included): a short page ends paging.
    public var rows: Int
    public var cursor: String?
}

/// Reads a JSON API reply with a feed definition's `[feed.json]` mappings.
public enum JSONListReader {
    /// Reads one reply.
    ///
    /// - Parameters:
    ///   - document: the reply's bytes; decoded with the feed's `encoding`, else its `Content-Type`, else sniffed.
    ///   - requestURL: the URL asked, which names the feed in messages and is the default base of relative links.
    /// - Throws: ``JSONReplyError`` for a reply that is not JSON, an error shell, or a missing item path.
    public static func page(
        _ document: FetchedDocument, api: FeedDefinition.JSONAPI, reader: SourceReader, requestURL: URL
    ) throws -> JSONPage {
        let url = requestURL.absoluteString
        let decoded = TextDecoder.decode(
            document.bytes, override: reader.encodingOverride, contentType: document.contentType)
        let root = try JSONUnwrap.object(decoded.text, wrapping: api.wrapping, url: url)
        try checkExpectations(root, api: api, url: url)
        guard let listValue = JSONPath.value(at: api.items, in: root) else {
            throw JSONReplyError.itemPathMissing(url: url, path: api.items.isEmpty ? "." : api.items)
        }
        guard let rows = listValue as? [Any] else {
            throw JSONReplyError.notAList(url: url, path: api.items.isEmpty ? "." : api.items)
        }
        let base = api.linkBase ?? requestURL
        var entries: [JSONEntry] = []
        var seen: Set<String> = []
        for row in rows {
            guard let entry = entry(row, api: api, dates: reader.dates, base: base, feedURL: requestURL),
                seen.insert(entry.link).inserted
            else { continue }
            entries.append(entry)
        }
        let cursor = api.cursor.flatMap { JSONPath.text(JSONPath.value(at: $0, in: root)) }
        return JSONPage(entries: entries, rows: rows.count, cursor: cursor)
    }

    /// An error shell: a field that does not hold the value a good reply holds.
    static func checkExpectations(_ root: Any, api: FeedDefinition.JSONAPI, url: String) throws {
        for expectation in api.expectations {
            let found = JSONPath.text(JSONPath.value(at: expectation.path, in: root))
            guard found != expectation.value.literal else { continue }
            var detail = "\(expectation.path) = \(found ?? "missing") (expected \(expectation.value.literal ?? "?"))"
            if let field = api.errorMessage, let message = JSONPath.text(JSONPath.value(at: field, in: root)),
                !message.isEmpty
            {
                detail += ": \(message.prefix(200))"
            }
            throw JSONReplyError.errorShell(url: url, detail: detail)
        }
    }

    static func entry(_ row: Any, api: FeedDefinition.JSONAPI, dates: DateParser, base: URL, feedURL: URL)
        -> JSONEntry?
    {
        let title = JSONPath.text(JSONPath.value(at: api.title, in: row)).map(plainLine)
        let guid = api.guid.flatMap { JSONPath.text(JSONPath.value(at: $0, in: row)) }
        var link: String?
        if let template = api.link {
            let raw =
                template.contains("{")
                ? JSONTemplate.url(template, item: row) : JSONPath.text(JSONPath.value(at: template, in: row))
            link = raw.flatMap { LinkResolver.resolve($0, against: base) }
        }
        if link == nil, let guid {
            link = feedURL.absoluteString.split(separator: "#").first.map { "\($0)#\(guid)" }
        }
        guard let link, title?.isEmpty == false || guid != nil else { return nil }
        let date = api.date.flatMap { JSONPath.value(at: $0, in: row) }.flatMap { JSONDate.read($0, dates: dates) }
        let text = api.text.flatMap { JSONPath.text(JSONPath.value(at: $0, in: row)) }.map(FragmentText.render)
        let detailURL = api.detailURL.flatMap { JSONTemplate.url($0, item: row) }.flatMap(URL.init(string:))
        return JSONEntry(title: title, link: link, date: date, guid: guid, text: text, detailURL: detailURL)
    }

    /// A title as one line of plain text: highlight tags (`<em>固有资金</em>`) and entities gone.
    static func plainLine(_ html: String) -> String {
        PlainText.normalize(FragmentText.render(html)).replacingOccurrences(of: "\n", with: " ")
    }

    /// The body text at a path of a detail reply (`data.notice_content`).
    public static func detailText(
        _ document: FetchedDocument, api: FeedDefinition.JSONAPI, reader: SourceReader, url: URL
    ) throws -> String {
        let decoded = TextDecoder.decode(
            document.bytes, override: reader.encodingOverride, contentType: document.contentType)
        let root = try JSONUnwrap.object(decoded.text, wrapping: .auto, url: url.absoluteString)
        let path = api.detailText ?? ""
        guard let value = JSONPath.text(JSONPath.value(at: path, in: root)) else {
            throw JSONReplyError.itemPathMissing(url: url.absoluteString, path: path.isEmpty ? "." : path)
        }
        return FragmentText.render(value)
    }
}

extension FeedDefinition.JSONAPI.Parameter {
    /// The value as JSON text would show it, for comparing with a reply's field.
    var literal: String? {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .flag(let value): return value ? "true" : "false"
        case .list: return nil
        }
    }
}

/// Dates in JSON items: strings in any form ``DateParser`` reads, epoch seconds or milliseconds (told apart by
/// magnitude, as strings or numbers), or an object of components (`{year, month, day, hour, minute}`); local ones are
/// China time unless the feed says otherwise.
public enum JSONDate {
    public static func read(_ value: Any, dates: DateParser) -> PublishedDate? {
        if let object = value as? [String: Any] { return components(object, dates: dates) }
        guard let text = JSONPath.text(value)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let number = Double(text), text.allSatisfy({ $0.isNumber || $0 == "." }) { return epoch(number) }
        return dates.parse(text) ?? TextDates.first(in: text, dates: dates)
    }

    /// Milliseconds from 1973 on (≥ 10^11), else seconds from 1973 (≥ 10^8); anything else is not a date.
    static func epoch(_ value: Double) -> PublishedDate? {
        let seconds: Double
        if value >= 1e11 && value < 1e14 {
            seconds = value / 1000
        } else if value >= 1e8 && value < 1e11 {
            seconds = value
        } else {
            return nil
        }
        return PublishedDate(epochSeconds: Int64(seconds), offsetSeconds: CivilTime.chinaOffset)
    }

    static func components(_ object: [String: Any], dates: DateParser) -> PublishedDate? {
        func int(_ key: String) -> Int? { JSONPath.text(object[key]).flatMap { Int($0) } }
        guard let year = int("year"), let month = int("month"), let day = int("day") else { return nil }
        let text = String(
            format: "%04d-%02d-%02d %02d:%02d", year, month, day, int("hour") ?? 0, int("minute") ?? 0)
        return dates.parse(text)
    }
}
