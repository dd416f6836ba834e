import Foundation

/// The identity of a URL for deduplication: scheme-less (http and https alike), lower-case host without `www.` or
/// default port, no fragment, and no tracking parameters (`utm_*`, `spm`, `from`…), the rest of the query sorted.
public enum URLNormalizer {
    static let trackingParameters: Set<String> = [
        "spm", "from", "source", "share", "share_token", "fbclid", "gclid", "ref",
    ]

    public static func normalize(_ string: String) -> String {
        if let simple = normalizeSimple(string) { return simple }
        return normalizeComponents(string)
    }

    /// The general case, through `URLComponents`.
    static func normalizeComponents(_ string: String) -> String {
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

    /// The normalised form of the URLs most items link to, read on bytes: an http(s) URL of ASCII letters, digits and
    /// path characters, without user, port, query or fragment, whose normal form is `//host/path` (host lower-cased,
    /// `www.` dropped). URLComponents parses each URL and converts its host through IDNA (ICU): 3 % of an ingest. Nil for anything else, which `URLComponents` normalises (``normalizeComponents(_:)``); a test
    /// checks that both agree wherever this one answers.
    static func normalizeSimple(_ string: String) -> String? {
        var string = string
        return string.withUTF8 { bytes -> String? in
            let count = bytes.count
            // "http://" or "https://", any case.
            var index = 0
            while index < count, index < 6, isLetter(bytes[index]) { index += 1 }
            let scheme = index
            guard scheme == 4 || scheme == 5, index + 2 < count, bytes[index] == UInt8(ascii: ":"),
                bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
            else { return nil }
            let name = bytes[0..<scheme].map { $0 | 0x20 }
            guard name.elementsEqual("http".utf8) || name.elementsEqual("https".utf8) else { return nil }
            index += 3
            let hostStart = index
            // Host: letters, digits, dots and hyphens; no user, port or IP literal.
            while index < count, bytes[index] != UInt8(ascii: "/") {
                let byte = bytes[index]
                guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else {
                    return nil
                }
                index += 1
            }
            var host = Array(bytes[hostStart..<index]).map { isLetter($0) ? $0 | 0x20 : $0 }
            guard let first = host.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-"),
                host.last != UInt8(ascii: "."), !host.contains(where: isDigit) || host.contains(where: isLetter),
                !zip(host, host.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
            else { return nil }
            // URLComponents shows an internationalised (punycode) host decoded: left to it.
            guard !host.split(separator: UInt8(ascii: ".")).contains(where: { $0.starts(with: "xn--".utf8) }) else {
                return nil
            }
            if host.starts(with: "www.".utf8) { host.removeFirst(4) }
            guard !host.isEmpty else { return nil }
            // Path: unreserved and sub-delimiter characters, ':', '@', '/' and well-formed percent escapes.
            let pathStart = index
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return nil }
                    index += 3
                    continue
                }
                guard isLetter(byte) || isDigit(byte) || pathPunctuation.contains(byte) else { return nil }
                index += 1
            }
            var result: [UInt8] = [UInt8(ascii: "/"), UInt8(ascii: "/")]
            result.reserveCapacity(2 + host.count + count - pathStart + 1)
            result += host
            if pathStart == count { result.append(UInt8(ascii: "/")) } else { result += bytes[pathStart..<count] }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Path characters besides letters and digits, as RFC 3986 allows them unescaped.
    private static let pathPunctuation = Set("-._~!$&'()*+,;=:@/".utf8)

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    /// Whether a normalised URL can be one document's address: a site's root page (`//host/`), which feeds give to
    /// items without links of their own, never is.
    public static func identifiesDocument(_ normalized: String) -> Bool {
        // On bytes: every document recorded asks (Character-wise, the slicing was a percent of the writer's time).
        let bytes = normalized.utf8
        guard bytes.starts(with: "//".utf8) else { return true }
        let rest = bytes.dropFirst(2)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return false }
        return bytes.index(after: slash) != bytes.endIndex
    }
}
