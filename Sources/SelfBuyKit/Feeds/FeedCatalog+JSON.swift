import Foundation

/// The keys of a definition added for JSON APIs and picky sites: `[feed.json]`, `[feed.headers]`, `user_agent` and
/// `stale_after`. Every number is bounded here, so a definition can never ask for 10,000 pages.
extension FeedCatalog {
    static let knownJSONKeys: Set<String> = [
        "method", "wrapping", "params", "items", "title", "date", "link", "link_base", "guid", "text", "detail_url",
        "detail_text", "follow", "expect", "error_message", "page_start", "page_size", "max_pages", "backfill_pages",
        "cursor", "window_days",
    ]

    static func readRequestKeys(_ table: TOMLTable, into feed: inout FeedDefinition, file: String) throws {
        func fail(_ key: String, _ message: String) -> FeedDefinitionError {
            FeedDefinitionError(file: file, line: table.line(of: key), message: message)
        }
        if let value = table["headers"] {
            guard case .table(let headers) = value else {
                throw fail("headers", "headers must be a [feed.headers] table")
            }
            for entry in headers.entries {
                guard case .string(let text) = entry.value, isHeaderName(entry.key), isHeaderValue(text) else {
                    throw FeedDefinitionError(
                        file: file, line: entry.line,
                        message: "header \"\(entry.key)\" must be a token with a one-line string value")
                }
                feed.headers[entry.key] = text
            }
        }
        if let value = table["user_agent"] {
            guard case .string(let text) = value, isHeaderValue(text), !text.isEmpty else {
                throw fail("user_agent", "user_agent must be \"browser\", \"selfbuy\" or a one-line string")
            }
            feed.userAgent =
                text == "browser" ? FeedDefinition.browserUserAgent : text == "selfbuy" ? nil : text
        }
        if let value = table["stale_after"] {
            guard case .string(let text) = value,
                let seconds = DurationText.seconds(text, in: FeedDefinition.staleAfterRange)
            else { throw fail("stale_after", "stale_after must be a duration from \"1h\" to \"366d\", such as \"3d\"") }
            feed.staleAfterSetting = TimeInterval(seconds)
        }
        if let value = table["json"] {
            guard case .table(let json) = value else { throw fail("json", "json must be a [feed.json] table") }
            if feed.kind == nil { feed.kind = .json }
            guard feed.kind == .json else { throw fail("json", "[feed.json] needs kind = \"json\"") }
            feed.json = try jsonAPI(json, file: file)
        } else if feed.kind == .json {
            throw fail("kind", "kind = \"json\" needs a [feed.json] table")
        }
        if feed.html != nil, feed.kind != nil, feed.kind != .html {
            throw fail("html", "[feed.html] needs kind = \"html\"")
        }
    }

    static func jsonAPI(_ table: TOMLTable, file: String) throws -> FeedDefinition.JSONAPI {
        func fail(_ key: String, _ message: String) -> FeedDefinitionError {
            FeedDefinitionError(file: file, line: table.line(of: key), message: "[feed.json] \(message)")
        }
        for entry in table.entries where !knownJSONKeys.contains(entry.key) {
            throw FeedDefinitionError(
                file: file, line: entry.line, message: "unknown key \"\(entry.key)\" in [feed.json]")
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard case .string(let text) = value else { throw fail(key, "\(key) must be a string") }
            return text
        }
        func path(_ key: String) throws -> String? {
            guard let text = try string(key) else { return nil }
            guard JSONPath.isValid(text) else { throw fail(key, "\(key): invalid path \"\(text)\" (use a.b.0)") }
            return text
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value = table[key] else { return nil }
            guard case .integer(let number) = value, range.contains(Int(clamping: number)) else {
                throw fail(key, "\(key) must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return Int(number)
        }
        guard let items = try string("items") else {
            throw FeedDefinitionError(file: file, line: table.line, message: "[feed.json] needs \"items\"")
        }
        guard items.isEmpty || JSONPath.isValid(items) else { throw fail("items", "items: invalid path \"\(items)\"") }
        var api = FeedDefinition.JSONAPI(items: items)
        if let method = try string("method") {
            guard let parsed = FeedDefinition.JSONAPI.Method(rawValue: method.lowercased()) else {
                throw fail("method", "method must be get, post-form or post-json")
            }
            api.method = parsed
        }
        if let wrapping = try string("wrapping") {
            guard let parsed = FeedDefinition.JSONAPI.Wrapping(rawValue: wrapping) else {
                throw fail("wrapping", "wrapping must be auto, json, jsonp, assignment or next-data")
            }
            api.wrapping = parsed
        }
        api.title = try path("title") ?? "title"
        api.date = try path("date")
        api.guid = try path("guid")
        api.text = try path("text")
        api.detailText = try path("detail_text")
        api.cursor = try path("cursor")
        api.errorMessage = try path("error_message")
        if let link = try string("link") {
            try checkItemTemplate(link, key: "link", fail: fail)
            api.link = link
        }
        if let detail = try string("detail_url") {
            try checkItemTemplate(detail, key: "detail_url", fail: fail)
            guard detail.lowercased().hasPrefix("http://") || detail.lowercased().hasPrefix("https://") else {
                throw fail("detail_url", "detail_url must be an absolute http(s) URL template")
            }
            api.detailURL = detail
        }
        if (api.detailURL == nil) != (api.detailText == nil) {
            throw fail("detail_url", "detail_url and detail_text go together")
        }
        if let base = try string("link_base") {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw fail("link_base", "link_base must be an http(s) URL")
            }
            api.linkBase = url
        }
        if let value = table["follow"] {
            guard case .boolean(let flag) = value else { throw fail("follow", "follow must be true or false") }
            api.follow = flag
        }
        api.pageStart = try integer("page_start", 0...1) ?? 1
        api.pageSize = try integer("page_size", 1...FeedDefinition.JSONAPI.pageSizeLimit) ?? 20
        api.maxPages = try integer("max_pages", 1...FeedDefinition.JSONAPI.maxPagesLimit) ?? 30
        api.backfillPages = try integer("backfill_pages", 1...FeedDefinition.JSONAPI.backfillPagesLimit) ?? 100
        api.windowDays = try integer("window_days", 1...FeedDefinition.JSONAPI.windowDaysLimit) ?? 30
        if let value = table["params"] {
            guard case .table(let params) = value else {
                throw fail("params", "params must be a [feed.json.params] table")
            }
            for entry in params.entries {
                let parameter = try parameterValue(entry.value, key: entry.key, line: entry.line, file: file)
                api.parameters.append((entry.key, parameter))
            }
        }
        if api.parameters.contains(where: { $0.value.mentions("cursor") }), api.cursor == nil {
            throw fail("params", "a {cursor} parameter needs cursor = \"path.in.reply\"")
        }
        if let value = table["expect"] {
            guard case .table(let expect) = value else {
                throw fail("expect", "expect must be a [feed.json.expect] table")
            }
            for entry in expect.entries {
                guard JSONPath.isValid(entry.key) else {
                    throw FeedDefinitionError(file: file, line: entry.line, message: "[feed.json.expect] invalid path")
                }
                let expected = try parameterValue(entry.value, key: entry.key, line: entry.line, file: file)
                if case .list = expected {
                    throw FeedDefinitionError(
                        file: file, line: entry.line, message: "[feed.json.expect] \(entry.key) must be a single value")
                }
                api.expectations.append(.init(path: entry.key, value: expected))
            }
        }
        return api
    }

    static func parameterValue(_ value: TOMLValue, key: String, line: Int, file: String) throws
        -> FeedDefinition.JSONAPI.Parameter
    {
        switch value {
        case .string(let text):
            for name in JSONTemplate.placeholders(in: text) where !RequestVariables.names.contains(name) {
                throw FeedDefinitionError(
                    file: file, line: line,
                    message:
                        "\(key): unknown variable {\(name)} (known: \(RequestVariables.names.sorted().joined(separator: ", ")))"
                )
            }
            return .text(text)
        case .integer(let number): return .integer(number)
        case .float(let number): return .float(number)
        case .boolean(let flag): return .flag(flag)
        case .array(let items):
            return .list(try items.map { try parameterValue($0, key: key, line: line, file: file) })
        case .table:
            throw FeedDefinitionError(file: file, line: line, message: "\(key): a table is not a parameter value")
        }
    }

    static func checkItemTemplate(
        _ template: String, key: String, fail: (String, String) -> FeedDefinitionError
    ) throws {
        let names = JSONTemplate.placeholders(in: template)
        if template.contains("{") || template.contains("}") {
            guard !names.isEmpty, names.allSatisfy(JSONPath.isValid) else {
                throw fail(key, "\(key): invalid template \"\(template)\" (fields go in {braces})")
            }
        } else if key == "link", !JSONPath.isValid(template) {
            throw fail(key, "link must be a field path or a template with {fields}")
        }
    }

    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" }
            && name.allSatisfy(\.isASCII)
    }

    static func isHeaderValue(_ value: String) -> Bool {
        value.utf8.count <= 1000 && !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
