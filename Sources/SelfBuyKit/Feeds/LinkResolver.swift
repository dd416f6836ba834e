import Foundation

/// Makes links absolute by RFC 3986 against a document's base URL.
public enum LinkResolver {
    public static func resolve(_ link: String, against base: URL?) -> String? {
        let trimmed = link.trimmedWhitespace
        guard !trimmed.isEmpty else { return nil }
        if isPlainAbsolute(trimmed) { return trimmed }
        let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
        guard let url = URL(string: encoded, relativeTo: base) else { return trimmed }
        return url.absoluteURL.standardized.absoluteString
    }

    /// An absolute http(s) URL of plain ASCII without dot segments needs no resolving (the common case, kept off
    /// Foundation's URL machinery).
    static func isPlainAbsolute(_ link: String) -> Bool {
        let utf8 = link.utf8
        guard utf8.starts(with: "http://".utf8) || utf8.starts(with: "https://".utf8) else { return false }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { return false }
            if byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return false }
            previous = byte
        }
        return true
    }

    /// Characters legal in a URI reference; anything else (spaces, Chinese) is percent-encoded first.
    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.insert(charactersIn: "#%[]")
        return set
    }()
}
