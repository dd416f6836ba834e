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
        var link = link
        return link.withUTF8 { bytes in
            let scheme: Int
            if bytes.starts(with: Self.http) {
                scheme = Self.http.count
            } else if bytes.starts(with: Self.https) {
                scheme = Self.https.count
            } else {
                return false
            }
            var previous: UInt8 = 0
            for byte in bytes[scheme...] {
                if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") {
                    return false
                }
                if byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return false }
                previous = byte
            }
            return true
        }
    }

    private static let http: [UInt8] = Array("http://".utf8)
    private static let https: [UInt8] = Array("https://".utf8)

    /// Characters legal in a URI reference; anything else (spaces, Chinese) is percent-encoded first.
    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.insert(charactersIn: "#%[]")
        return set
    }()
}
