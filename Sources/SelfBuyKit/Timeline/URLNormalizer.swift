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
    /// `www.` dropped). URLComponents parses each URL and converts its host through IDNA (ICU): 3 % of an ingest. Nil
    /// for anything else, which `URLComponents` normalises (``normalizeComponents(_:)``); a test checks that both
    /// agree wherever this one answers.
    ///
    /// One pass over the bytes and one string written in place: no array for the scheme, the host or its labels.
    static func normalizeSimple(_ string: String) -> String? {
        var string = string
        return string.withUTF8 { bytes -> String? in
            guard let (host, pathStart) = simpleParts(bytes) else { return nil }
            let pathCount = bytes.count - pathStart
            return String(unsafeUninitializedCapacity: 2 + host.count + Swift.max(pathCount, 1)) { output in
                output[0] = UInt8(ascii: "/")
                output[1] = UInt8(ascii: "/")
                var written = 2
                for index in host {
                    let byte = bytes[index]
                    output[written] = isLetter(byte) ? byte | 0x20 : byte
                    written += 1
                }
                if pathCount == 0 {
                    output[written] = UInt8(ascii: "/")
                    return written + 1
                }
                for index in pathStart..<bytes.count {
                    output[written] = bytes[index]
                    written += 1
                }
                return written
            }
        }
    }

    /// Where the host (without `www.`) and the path of a simple URL are (``normalizeSimple(_:)``), nil when the URL is
    /// not simple.
    private static func simpleParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (host: Range<Int>, pathStart: Int)? {
        let count = bytes.count
        // "http://" or "https://", any case.
        var index = 0
        while index < count, index < 6, isLetter(bytes[index]) { index += 1 }
        let scheme = index
        guard scheme == 4 || scheme == 5, index + 2 < count, bytes[index] == UInt8(ascii: ":"),
            bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/"),
            bytes[0] | 0x20 == UInt8(ascii: "h"), bytes[1] | 0x20 == UInt8(ascii: "t"),
            bytes[2] | 0x20 == UInt8(ascii: "t"), bytes[3] | 0x20 == UInt8(ascii: "p"),
            scheme == 4 || bytes[4] | 0x20 == UInt8(ascii: "s")
        else { return nil }
        index += 3
        // Host: letters, digits, dots and hyphens; no user, port or IP literal; not all digits and dots; no empty
        // label; no label that is punycode (URLComponents shows an internationalised host decoded: left to it).
        var hostStart = index
        var hasLetter = false
        var hasDigit = false
        var labelStart = index
        while index < count, bytes[index] != UInt8(ascii: "/") {
            let byte = bytes[index]
            if isLetter(byte) {
                hasLetter = true
            } else if isDigit(byte) {
                hasDigit = true
            } else if byte == UInt8(ascii: ".") {
                guard index > labelStart else { return nil }
                labelStart = index + 1
            } else if byte == UInt8(ascii: "-") {
                // "xn--" at the start of a label.
                if index == labelStart + 3, bytes[labelStart] | 0x20 == UInt8(ascii: "x"),
                    bytes[labelStart + 1] | 0x20 == UInt8(ascii: "n"), bytes[labelStart + 2] == UInt8(ascii: "-")
                {
                    return nil
                }
            } else {
                return nil
            }
            index += 1
        }
        let hostEnd = index
        guard hostEnd > hostStart, bytes[hostStart] != UInt8(ascii: "-"), bytes[hostEnd - 1] != UInt8(ascii: "."),
            !hasDigit || hasLetter
        else { return nil }
        if hostEnd - hostStart >= 4, bytes[hostStart] | 0x20 == UInt8(ascii: "w"),
            bytes[hostStart + 1] | 0x20 == UInt8(ascii: "w"), bytes[hostStart + 2] | 0x20 == UInt8(ascii: "w"),
            bytes[hostStart + 3] == UInt8(ascii: ".")
        {
            hostStart += 4
        }
        guard hostEnd > hostStart else { return nil }
        // Path: unreserved and sub-delimiter characters, ':', '@', '/' and well-formed percent escapes.
        let pathStart = index
        let allowed = pathBytes
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return nil }
                index += 3
                continue
            }
            guard byte < 0x80, (byte < 64 ? allowed.low >> byte : allowed.high >> (byte - 64)) & 1 != 0 else {
                return nil
            }
            index += 1
        }
        return (hostStart..<hostEnd, pathStart)
    }

    /// Path characters besides letters and digits, as RFC 3986 allows them unescaped.
    private static let pathPunctuation = Set("-._~!$&'()*+,;=:@/".utf8)

    /// Letters, digits and ``pathPunctuation``: one bit per ASCII byte, bytes 0–63 in `low`, 64–127 in `high`.
    private static let pathBytes: (low: UInt64, high: UInt64) = {
        var (low, high): (UInt64, UInt64) = (0, 0)
        for byte in UInt8(0)..<0x80 where isLetter(byte) || isDigit(byte) || pathPunctuation.contains(byte) {
            if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
        }
        return (low, high)
    }()

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
