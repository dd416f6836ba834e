import Foundation

/// A user and password written into a feed URL (`https://user:pw@host/…`): taken out of the URL for an
/// `Authorization` header, and masked wherever a URL is shown.
public enum URLCredentials {
    /// `url` without its user and password, and the `Authorization: Basic` value they stand for (nil without any).
    public static func split(_ url: URL) -> (url: URL, authorization: String?) {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            components.percentEncodedUser != nil || components.percentEncodedPassword != nil
        else { return (url, nil) }
        let user = components.user ?? ""
        let password = components.password ?? ""
        components.percentEncodedUser = nil
        components.percentEncodedPassword = nil
        guard let bare = components.url else { return (url, nil) }
        let authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        scopes.withLock { $0[authorization] = origin(of: bare) }
        return (bare, authorization)
    }

    /// The origin each credential taken from a feed URL belongs to. The credential travels in the feed's headers,
    /// which go with every request of the feed — detail pages and PDFs on other hosts too — so the transport asks
    /// ``allows(_:to:)`` before sending it.
    private static let scopes = LockedScopes()

    /// Whether an `Authorization` value may go to `url`: always, unless it came from a feed URL of another origin.
    public static func allows(_ authorization: String, to url: URL) -> Bool {
        guard let scope = scopes.withLock({ $0[authorization] }) else { return true }
        return scope == origin(of: url)
    }

    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// `text` with the password of every `scheme://user:password@` in it replaced by `***`.
    public static func redacted(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let marker = rest.range(of: "://") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let authorityEnd = rest.firstIndex { "/?#".contains($0) || $0.isWhitespace } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[...colon] + "***" + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        return result + rest
    }

    /// `url` as text with its password masked.
    public static func redacted(_ url: URL) -> String { redacted(url.absoluteString) }
}

/// Credential → origin, behind a lock (the catalog writes while polls read).
private final class LockedScopes: @unchecked Sendable {
    private let lock = NSLock()
    private var origins: [String: String] = [:]

    func withLock<T>(_ body: (inout [String: String]) -> T) -> T {
        lock.withLock { body(&origins) }
    }
}
