import Foundation

/// The identity of a URL for deduplication: scheme-less (http and https alike), lower-case host without `www.` or
/// default port, no fragment, and no tracking parameters (`utm_*`, `spm`, `from`…), the rest of the query sorted.
public enum URLNormalizer {
    static let trackingParameters: Set<String> = [
        "spm", "from", "source", "share", "share_token", "fbclid", "gclid", "ref",
    ]

    public static func normalize(_ string: String) -> String {
        guard var components = URLComponents(string: string), let host = components.host else { return string }
        var normalizedHost = host.lowercased()
        if normalizedHost.hasPrefix("www.") { normalizedHost.removeFirst(4) }
        components.fragment = nil
        let items = (components.queryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        components.queryItems =
            items.isEmpty ? nil : items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        let port = components.port.map { [80, 443].contains($0) ? "" : ":\($0)" } ?? ""
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return "//" + normalizedHost + port + path + query
    }

    /// Whether a normalised URL can be one document's address: a site's root page (`//host/`), which feeds give to
    /// items without links of their own, never is.
    public static func identifiesDocument(_ normalized: String) -> Bool {
        guard normalized.hasPrefix("//") else { return true }
        let rest = normalized.dropFirst(2)
        guard let slash = rest.firstIndex(of: "/") else { return false }
        return rest[slash...] != "/"
    }
}
