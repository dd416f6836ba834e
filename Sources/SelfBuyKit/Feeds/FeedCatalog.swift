import Foundation

/// A problem in a feed definition file, named by file and line.
public struct FeedDefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Loads and validates the feed definitions of a folder (`*.toml`) or a single file.
public enum FeedCatalog {
    static let knownKeys: Set<String> = [
        "id", "name", "url", "kind", "interval", "timeout", "encoding", "timezone", "match", "html", "json",
        "headers", "user_agent", "stale_after",
    ]
    static let knownHTMLKeys: Set<String> = [
        "item", "title", "link", "date", "follow", "content", "page_url", "page_start",
    ]
    /// A definition file larger than this is refused before it is parsed (the real ones are a few KiB).
    public static let maximumFileBytes = 1024 * 1024

    /// The definitions in `path`, in file then definition order.
    ///
    /// - Returns: the valid definitions and every problem found; a definition with a problem is left out.
    public static func load(_ path: String) -> (feeds: [FeedDefinition], errors: [FeedDefinitionError]) {
        var feeds: [FeedDefinition] = []
        var errors: [FeedDefinitionError] = []
        for file in files(at: path) {
            let display = file.path
            if let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int,
                size > maximumFileBytes
            {
                errors.append(
                    FeedDefinitionError(
                        file: display, line: 0, message: "larger than \(maximumFileBytes) bytes; not a feed definition")
                )
                continue
            }
            guard let data = FileManager.default.contents(atPath: file.path),
                let text = String(data: data, encoding: .utf8)
            else {
                errors.append(FeedDefinitionError(file: display, line: 0, message: "cannot read as UTF-8 text"))
                continue
            }
            do {
                let root = try TOMLParser.parse(text)
                let (parsed, problems) = definitions(in: root, file: file)
                feeds += parsed
                errors += problems
            } catch let error as TOMLError {
                errors.append(FeedDefinitionError(file: display, line: error.line, message: error.message))
            } catch {
                errors.append(FeedDefinitionError(file: display, line: 0, message: "\(error)"))
            }
        }
        var seen: [String: String] = [:]
        var unique: [FeedDefinition] = []
        for feed in feeds {
            if let first = seen[feed.id] {
                let file = String(feed.origin[..<(feed.origin.lastIndex(of: ":") ?? feed.origin.endIndex)])
                let line = Int(feed.origin.split(separator: ":").last ?? "") ?? 0
                errors.append(
                    FeedDefinitionError(
                        file: file, line: line, message: "duplicate feed id \"\(feed.id)\" (first defined at \(first))")
                )
            } else {
                seen[feed.id] = feed.origin
                unique.append(feed)
            }
        }
        return (unique, errors)
    }

    /// `*.toml` files directly in a folder (sorted), or the file itself.
    static func files(at path: String) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard isDirectory.boolValue else { return [url] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { url.appendingPathComponent($0) }
    }

    public static func definitions(in root: TOMLTable, file: URL) -> ([FeedDefinition], [FeedDefinitionError]) {
        let display = file.path
        guard let value = root["feed"] else {
            return ([], [FeedDefinitionError(file: display, line: 1, message: "no [[feed]] table")])
        }
        guard case .array(let items) = value else {
            return (
                [], [FeedDefinitionError(file: display, line: root.line(of: "feed"), message: "feed must be [[feed]]")]
            )
        }
        var feeds: [FeedDefinition] = []
        var errors: [FeedDefinitionError] = []
        for item in items {
            guard case .table(let table) = item else { continue }
            do {
                feeds.append(try definition(table, file: file))
            } catch let error as FeedDefinitionError {
                errors.append(error)
            } catch {
                errors.append(FeedDefinitionError(file: display, line: table.line, message: "\(error)"))
            }
        }
        return (feeds, errors)
    }

    static func definition(_ table: TOMLTable, file: URL) throws -> FeedDefinition {
        let display = file.path
        func fail(_ key: String, _ message: String) -> FeedDefinitionError {
            FeedDefinitionError(file: display, line: table.line(of: key), message: message)
        }
        func string(_ key: String, required: Bool = false) throws -> String? {
            guard let value = table[key] else {
                if required {
                    throw FeedDefinitionError(
                        file: display, line: table.line, message: "missing required key \"\(key)\"")
                }
                return nil
            }
            guard case .string(let text) = value else { throw fail(key, "\"\(key)\" must be a string") }
            return text
        }
        for entry in table.entries where !knownKeys.contains(entry.key) {
            throw FeedDefinitionError(file: display, line: entry.line, message: "unknown key \"\(entry.key)\"")
        }
        let id = try string("id", required: true)!
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw fail("id", "id \"\(id)\" may hold only letters, digits, '-', '_' and '.'")
        }
        let urlText = try string("url", required: true)!
        let shownURL = URLCredentials.redacted(urlText)
        let folder = file.deletingLastPathComponent()
        let url = FileSource.url(for: urlText, relativeTo: folder)
        guard let scheme = url.scheme?.lowercased(), ["http", "https", "file"].contains(scheme),
            scheme == "file" || url.host != nil
        else { throw fail("url", "url \"\(shownURL)\" must be http(s):// or file://") }
        if !urlText.lowercased().hasPrefix("http"), !urlText.lowercased().hasPrefix("file://") {
            throw fail("url", "url \"\(shownURL)\" must be http(s):// or file://")
        }
        // A user and password in the URL travel as an Authorization header, so the URL selfbuy shows, logs and
        // stores never holds them.
        let (bareURL, authorization) = URLCredentials.split(url)
        var kind: SourceKind?
        if let kindText = try string("kind") {
            guard let parsed = SourceKind(rawValue: kindText) else {
                throw fail("kind", "kind must be rss, atom, rdf, html or json, not \"\(kindText)\"")
            }
            kind = parsed
        }
        let interval = try duration(
            table, "interval", default: FeedDefinition.defaultInterval, range: FeedDefinition.intervalRange,
            file: display)
        let timeout = try duration(
            table, "timeout", default: FeedDefinition.defaultTimeout, range: FeedDefinition.timeoutRange,
            file: display)
        let encoding = try string("encoding")
        if let encoding, Charset(label: encoding) == nil { throw fail("encoding", "unknown encoding \"\(encoding)\"") }
        var timeZone = DateParser.china
        if let zone = try string("timezone") {
            guard let parsed = TimeZone(identifier: zone) else {
                throw fail("timezone", "unknown time zone \"\(zone)\"")
            }
            timeZone = parsed
        }
        let match = try string("match")
        // Control characters are refused before compiling: Foundation's regex compiler leaks on a pattern holding NUL
        // (found by the toml fuzz target under LeakSanitizer).
        if let match, match.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("match", "match must not contain control characters")
        }
        if let match, (try? NSRegularExpression(pattern: match)) == nil {
            throw fail("match", "match \"\(match)\" is not a valid regular expression")
        }
        var html: FeedDefinition.HTMLList?
        if let value = table["html"] {
            guard case .table(let htmlTable) = value else { throw fail("html", "html must be a [feed.html] table") }
            html = try htmlList(htmlTable, file: display)
        }
        var feed = FeedDefinition(
            id: id, name: try string("name") ?? id, url: bareURL, kind: kind, interval: interval, timeout: timeout,
            encoding: encoding, timeZone: timeZone, match: match, html: html, origin: "\(display):\(table.line)")
        try readRequestKeys(table, into: &feed, file: display)
        if let authorization, !feed.headers.keys.contains(where: { $0.lowercased() == "authorization" }) {
            feed.headers["Authorization"] = authorization
        }
        return feed
    }

    /// A duration key read into whole seconds within `range`; anything else names the range allowed.
    static func duration(
        _ table: TOMLTable, _ key: String, default value: TimeInterval, range: ClosedRange<Int>, file: String
    ) throws -> TimeInterval {
        guard let entry = table[key] else { return value }
        guard case .string(let text) = entry, let seconds = DurationText.seconds(text, in: range) else {
            throw FeedDefinitionError(
                file: file, line: table.line(of: key),
                message:
                    "\(key) must be a duration from \(DurationText.describe(range)), such as \"30s\", \"30m\", \"1h\"")
        }
        return TimeInterval(seconds)
    }

    static func htmlList(_ table: TOMLTable, file: String) throws -> FeedDefinition.HTMLList {
        for entry in table.entries where !knownHTMLKeys.contains(entry.key) {
            throw FeedDefinitionError(
                file: file, line: entry.line, message: "unknown key \"\(entry.key)\" in [feed.html]")
        }
        func xpath(_ key: String, required: Bool = false) throws -> String? {
            guard let value = table[key] else {
                if required {
                    throw FeedDefinitionError(file: file, line: table.line, message: "[feed.html] needs \"\(key)\"")
                }
                return nil
            }
            guard case .string(let expression) = value, XPathQuery.compiles(expression) else {
                throw FeedDefinitionError(
                    file: file, line: table.line(of: key), message: "\(key): invalid XPath \(value)")
            }
            return expression
        }
        var follow = true
        if let value = table["follow"] {
            guard case .boolean(let flag) = value else {
                throw FeedDefinitionError(
                    file: file, line: table.line(of: "follow"), message: "follow must be true or false")
            }
            follow = flag
        }
        var list = FeedDefinition.HTMLList(
            item: try xpath("item", required: true)!, title: try xpath("title"), link: try xpath("link"),
            date: try xpath("date"), follow: follow, content: try xpath("content"))
        if let value = table["page_url"] {
            guard case .string(let template) = value, template.contains("{page}"), template.count <= 2048,
                URL(string: template.replacingOccurrences(of: "{page}", with: "1")) != nil
            else {
                throw FeedDefinitionError(
                    file: file, line: table.line(of: "page_url"),
                    message: "page_url must be a URL with {page} where the page number goes")
            }
            list.pageURL = template
        }
        if let value = table["page_start"] {
            guard case .integer(let start) = value, FeedDefinition.HTMLList.pageStartRange.contains(Int(start)) else {
                throw FeedDefinitionError(
                    file: file, line: table.line(of: "page_start"),
                    message: "page_start must be a whole number from 0 to 1000 (the number of the second page)")
            }
            list.pageStart = Int(start)
        }
        return list
    }
}
