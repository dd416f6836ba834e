import Foundation

/// Why a JSON API's reply is not the data it should be: each is a failure of the feed, never an empty success.
public enum JSONReplyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reply is not JSON in the expected wrapping (an HTML error page, a WAF challenge, a truncated body).
    case notJSON(url: String, reason: String)
    /// A field says the request failed (`ErrCode = 1`, `state = 0`, `code = 10304`).
    case errorShell(url: String, detail: String)
    /// The item path is missing or null (CSRC without `results`, cninfo `announcements: null`).
    case itemPathMissing(url: String, path: String)
    case notAList(url: String, path: String)

    public var description: String {
        switch self {
        case .notJSON(let url, let reason): return "\(url): expected JSON, got \(reason)"
        case .errorShell(let url, let detail): return "\(url): error inside a 200: \(detail)"
        case .itemPathMissing(let url, let path): return "\(url): item path \"\(path)\" missing from the reply"
        case .notAList(let url, let path): return "\(url): item path \"\(path)\" is not a list"
        }
    }
}

/// Takes the JSON out of a reply: plain JSON, JSONP (`cb({...});`), a script assignment (`var x = [...];`) or the
/// `__NEXT_DATA__` script of a Next.js page, then parses it with `JSONSerialization`.
public enum JSONUnwrap {
    /// Markers of the anti-bot pages that Chinese sites' WAFs answer with a 200.
    static let wafMarkers = ["WAF", "请求已中断", "acw_sc__v2", "awsc.js", "_waf_", "访问被拦截", "安全验证"]

    /// Parses the JSON of a reply.
    ///
    /// - Throws: ``JSONReplyError/notJSON(url:reason:)`` naming what came instead.
    public static func object(_ text: String, wrapping: FeedDefinition.JSONAPI.Wrapping, url: String) throws -> Any {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        var candidates: [Substring] = []
        switch wrapping {
        case .json: candidates = [trimmed[...]]
        // A site that pads its JSON drops the padding on an error (eastmoney's {"ErrCode":-999,…}): plain JSON is
        // read too, so that the error rules name the error instead of "not jsonp".
        case .jsonp: candidates = (jsonp(trimmed).map { [$0] } ?? []) + plain(trimmed)
        case .assignment: candidates = (assignment(trimmed).map { [$0] } ?? []) + plain(trimmed)
        case .nextData: candidates = nextData(trimmed).map { [$0] } ?? []
        case .auto:
            candidates += plain(trimmed)
            if let embedded = nextData(trimmed) { candidates.append(embedded) }
            if let padded = jsonp(trimmed) { candidates.append(padded) }
            if let assigned = assignment(trimmed) { candidates.append(assigned) }
        }
        for candidate in candidates {
            if let value = try? JSONSerialization.jsonObject(
                with: Data(candidate.utf8), options: [.fragmentsAllowed]), value is [String: Any] || value is [Any]
            {
                return value
            }
        }
        throw JSONReplyError.notJSON(url: url, reason: describe(trimmed, wrapping: wrapping))
    }

    /// The reply itself when it starts as a JSON object or array does.
    static func plain(_ text: String) -> [Substring] {
        guard let first = text.first, first == "{" || first == "[" else { return [] }
        return [text[...]]
    }

    /// What a reply that is not JSON looks like, for the failure message.
    static func describe(_ text: String, wrapping: FeedDefinition.JSONAPI.Wrapping) -> String {
        let head = String(text.prefix(8192))
        if let marker = wafMarkers.first(where: { head.contains($0) }) {
            return "a WAF or anti-bot page (\"\(marker)\")"
        }
        let lowered = head.lowercased()
        if lowered.contains("<html") || lowered.contains("<!doctype") || lowered.contains("<body") {
            return wrapping == .nextData ? "an HTML page without __NEXT_DATA__" : "an HTML page (an error page?)"
        }
        if text.isEmpty { return "an empty reply" }
        return "unreadable text (not \(wrapping == .auto ? "JSON, JSONP or an assignment" : wrapping.rawValue))"
    }

    /// `name(...)` or `name(...);` around the JSON.
    static func jsonp(_ text: String) -> Substring? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "$" || $0 == "."
            })
        else { return nil }
        let after = text[text.index(after: close)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard after.isEmpty || after == ";" else { return nil }
        return text[text.index(after: open)..<close]
    }

    /// `var x = ...;`, `let x = ...`, `window.x = ...`: everything after the first `=` up to a final `;`.
    static func assignment(_ text: String) -> Substring? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let target = text[..<equals].trimmingCharacters(in: .whitespaces)
        let words = target.split(separator: " ")
        guard let name = words.last, words.count <= 2, !name.isEmpty,
            words.count == 1 || ["var", "let", "const"].contains(String(words[0])),
            name.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "$" || $0 == "."
            })
        else { return nil }
        var value = text[text.index(after: equals)...]
        while let last = value.last, last == ";" || last.isWhitespace { value = value.dropLast() }
        return value.drop { $0.isWhitespace }
    }

    /// The content of `<script id="__NEXT_DATA__" …>…</script>`.
    static func nextData(_ text: String) -> Substring? {
        guard let marker = text.range(of: "__NEXT_DATA__"),
            let tagEnd = text[marker.upperBound...].firstIndex(of: ">"),
            let close = text[tagEnd...].range(of: "</script", options: .caseInsensitive)
        else { return nil }
        return text[text.index(after: tagEnd)..<close.lowerBound]
    }
}
