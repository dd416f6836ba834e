import Foundation

/// The `{variables}` of request parameters: page, page size, the date window, a cache-buster, the previous reply's
/// cursor. Dates are China dates (`YYYY-MM-DD`).
public struct RequestVariables: Sendable, Equatable {
    public static let names: Set<String> = ["page", "page_size", "from", "to", "today", "now", "now_s", "cursor"]

    public var page: Int
    public var pageSize: Int
    /// First day of the window (`seDate={from}~{to}`).
    public var from: String
    public var to: String
    public var now: Date
    /// From the previous reply; empty on the first page.
    public var cursor: String

    public init(page: Int, pageSize: Int, from: String, to: String, now: Date, cursor: String = "") {
        self.page = page
        self.pageSize = pageSize
        self.from = from
        self.to = to
        self.now = now
        self.cursor = cursor
    }

    /// The window ending today (China time) and reaching `days` back, or back to `since`.
    public static func window(days: Int, since: String? = nil, now: Date) -> (from: String, to: String) {
        let today = CivilTime(epochSeconds: Int64(now.timeIntervalSince1970) + Int64(CivilTime.chinaOffset))
        let start = CivilTime(
            epochSeconds: Int64(now.timeIntervalSince1970) + Int64(CivilTime.chinaOffset) - Int64(days) * 86400)
        return (since ?? day(start), day(today))
    }

    static func day(_ civil: CivilTime) -> String {
        String(format: "%04d-%02d-%02d", civil.year, civil.month, civil.day)
    }

    func value(of name: String) -> String? {
        switch name {
        case "page": return String(page)
        case "page_size": return String(pageSize)
        case "from": return from
        case "to", "today": return to
        case "now": return String(Int64(now.timeIntervalSince1970 * 1000))
        case "now_s": return String(Int64(now.timeIntervalSince1970))
        case "cursor": return cursor
        default: return nil
        }
    }
}

/// Expands `{name}` placeholders: request variables in parameters, item fields in link and detail templates.
public enum JSONTemplate {
    /// The names between braces, in order.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Replaces each `{name}` with `lookup(name)`; nil when a placeholder has no value.
    public static func expand(_ template: String, _ lookup: (String) -> String?) -> String? {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            guard let value = lookup(String(rest[rest.index(after: open)..<close])) else { return nil }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A request parameter with its variables filled in.
    static func text(_ template: String, _ variables: RequestVariables) -> String {
        expand(template) { variables.value(of: $0) } ?? template
    }

    /// A URL template over an item's fields; values are percent-encoded where a URL needs it, slashes kept.
    static func url(_ template: String, item: Any) -> String? {
        expand(template) { name in
            guard let value = JSONPath.text(JSONPath.value(at: name, in: item)), !value.isEmpty else { return nil }
            return value.addingPercentEncoding(withAllowedCharacters: urlValue) ?? value
        }
    }

    private static let urlValue: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#&=+;")
        return allowed
    }()
}
