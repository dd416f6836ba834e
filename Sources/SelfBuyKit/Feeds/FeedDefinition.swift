import Foundation

/// One source selfbuy polls, as a `[[feed]]` table of `feeds/*.toml` defines it.
public struct FeedDefinition: Sendable, Hashable {
    /// How an HTML list page yields items.
    public struct HTMLList: Sendable, Hashable {
        public var item: String
        public var title: String?
        public var link: String?
        public var date: String?
        public var follow: Bool
        public var content: String?
    }

    public var id: String
    public var name: String
    /// Absolute URL: `file://` definitions are resolved against their file's folder when loaded.
    public var url: URL
    public var kind: SourceKind?
    public var interval: TimeInterval
    public var timeout: TimeInterval
    public var encoding: String?
    public var timeZone: TimeZone
    /// Regular expression on item titles; only matching items are followed and read.
    public var match: String?
    public var html: HTMLList?
    /// The file and line that defined the feed, for messages.
    public var origin: String

    public init(
        id: String, name: String, url: URL, kind: SourceKind?, interval: TimeInterval, timeout: TimeInterval,
        encoding: String?, timeZone: TimeZone, match: String?, html: HTMLList?, origin: String
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.kind = kind
        self.interval = interval
        self.timeout = timeout
        self.encoding = encoding
        self.timeZone = timeZone
        self.match = match
        self.html = html
        self.origin = origin
    }

    public static let defaultInterval: TimeInterval = 3600
    public static let defaultTimeout: TimeInterval = 30

    /// The reader configured for this feed's documents.
    public func reader(contentXPath: String? = nil) -> SourceReader {
        SourceReader(encodingOverride: encoding, timeZone: timeZone, contentXPath: contentXPath ?? html?.content)
    }

    /// Whether an item title passes the `match` filter.
    public func accepts(title: String?) -> Bool {
        guard let match else { return true }
        guard let title else { return false }
        return title.range(of: match, options: .regularExpression) != nil
    }
}

/// Parses durations written as `30s`, `30m`, `1h`, `2d`.
public enum DurationText {
    public static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let value = Double(trimmed.dropLast()), value > 0 else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86400
        default: return nil
        }
    }
}
