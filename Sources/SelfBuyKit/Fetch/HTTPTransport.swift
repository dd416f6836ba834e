import Foundation

/// Why an HTTP fetch failed before a usable response arrived.
public enum HTTPFetchError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooManyRedirects(chain: [String])
    case responseTooLarge(url: String, limit: Int)
    case timedOut(url: String, seconds: TimeInterval)
    case connection(url: String, reason: String)

    public var description: String {
        switch self {
        case .tooManyRedirects(let chain):
            let shown = chain.map(URLCredentials.redacted)
            return "stopped after \(HTTPTransport.maximumRedirects) redirects (loop: \(shown.joined(separator: " → ")))"
        case .responseTooLarge(let url, let limit):
            return "\(URLCredentials.redacted(url)): response larger than \(limit) bytes, cut off"
        case .timedOut(let url, let seconds):
            return "\(URLCredentials.redacted(url)): no complete response within \(Int(seconds.rounded())) s"
        case .connection(let url, let reason): return "\(URLCredentials.redacted(url)): \(reason)"
        }
    }
}

/// HTTP(S) through libcurl (``CurlExchange``): conditional GET, a whole-request deadline, a size cap counted on the
/// decoded body while it streams in (a gzip bomb is stopped at the cap, holding no more than it), redirects followed
/// and counted here (at most five), gzip and deflate accepted, a User-Agent naming selfbuy and the operator's contact,
/// and no cache of its own.
public final class HTTPTransport: Transport, Sendable {
    public static let maximumRedirects = 5
    /// The User-Agent without a contact (the notifier's, and the poller's when the operator configured none).
    public static let userAgent = userAgent(contact: nil)

    /// selfbuy's User-Agent: its version and, when the operator configured one (`--contact`, `$SELFBUY_CONTACT`), the
    /// address a site's operator can write to. No project URL is advertised: the contact is the operator's.
    public static func userAgent(contact: String?) -> String {
        let cleaned = contact.map { text in
            String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F && $0 != "(" && $0 != ")" })
                .trimmingCharacters(in: .whitespaces)
        }
        guard let cleaned, !cleaned.isEmpty else {
            return "selfbuy/\(SelfBuyVersion.current) (fund self-purchase monitor)"
        }
        return "selfbuy/\(SelfBuyVersion.current) (fund self-purchase monitor; +\(cleaned.prefix(200)))"
    }

    /// Longest wait for a connection to be established, within the request's own deadline.
    public let connectTimeout: TimeInterval
    /// Sent with every request unless the request names its own (a feed's `user_agent`).
    public let userAgent: String

    public init(connectTimeout: TimeInterval = 10, contact: String? = nil) {
        self.connectTimeout = Self.boundedTimeout(connectTimeout)
        userAgent = Self.userAgent(contact: contact)
    }

    /// A request's timeout bounded to 1 s – 1 h (infinity and NaN included). Definitions are bounded already (1 s to
    /// 10 min); this bounds a request built in code.
    static func boundedTimeout(_ seconds: TimeInterval) -> TimeInterval {
        seconds.isFinite ? min(max(seconds, 1), 3600) : 3600
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let timeout = Self.boundedTimeout(request.timeout)
        let original = request.url
        let failure = CurlExchange.Failures(url: original.absoluteString, timeout: timeout, limit: request.sizeLimit)
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var exchange = CurlExchange(
            url: original, method: request.method, headers: headers(for: request), body: request.body,
            sizeLimit: request.sizeLimit)
        var chain = [original.absoluteString]
        // Every redirect so far was permanent (301, 308): the final URL replaces the feed's for later polls.
        var allPermanent = true
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw failure.timedOut }
            let reply = try await exchange.perform(
                within: remaining, connectTimeout: .milliseconds(Int64(connectTimeout * 1000)), failures: failure)
            guard let next = Self.redirectTarget(reply, from: exchange.url) else {
                var response = FetchResponse(
                    url: exchange.url, status: reply.status, body: reply.body,
                    contentType: reply.headers["content-type"],
                    etag: reply.headers["etag"], lastModified: reply.headers["last-modified"],
                    retryAfter: RetryPolicy.retryAfterSeconds(reply.headers["retry-after"], now: Date()),
                    headers: reply.headers)
                // A Location holding a password is not adopted: the feed's URL is shown, logged and stored.
                if chain.count > 1, allPermanent, exchange.url.password == nil {
                    response.permanentRedirect = exchange.url
                }
                return response
            }
            chain.append(next.absoluteString)
            if reply.status != 301 && reply.status != 308 { allPermanent = false }
            if chain.count - 1 > Self.maximumRedirects { throw HTTPFetchError.tooManyRedirects(chain: chain) }
            // Credentials from the feed URL go to its own host only, never to wherever a redirect points.
            if next.host?.lowercased() != original.host?.lowercased() || next.port != original.port {
                exchange.headers.removeAll { $0.name.lowercased() == "authorization" }
            }
            // As browsers do: 303, and 301/302 after a POST, continue with a GET without the body.
            if reply.status == 303 || (exchange.method == "POST" && (reply.status == 301 || reply.status == 302)) {
                exchange.method = "GET"
                exchange.body = nil
                exchange.headers.removeAll { $0.name.lowercased() == "content-type" }
            }
            exchange.url = next
        }
    }

    /// Where a redirect reply points, when it is one that is followed (an http or https Location).
    private static func redirectTarget(_ reply: CurlExchange.Reply, from url: URL) -> URL? {
        guard [301, 302, 303, 307, 308].contains(reply.status), let location = reply.headers["location"],
            let next = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: url)?.absoluteURL,
            let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return next
    }

    /// The request's headers: selfbuy's own, then the feed definition's, which win; a password from the feed URL goes
    /// to the feed's own origin only, not to the pages its items link to.
    private func headers(for request: FetchRequest) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("User-Agent", userAgent),
            ("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"),
        ]
        if let etag = request.etag { headers.append(("If-None-Match", etag)) }
        if let lastModified = request.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            if name.lowercased() == "authorization", !URLCredentials.allows(value, to: request.url) { continue }
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return headers
    }
}
