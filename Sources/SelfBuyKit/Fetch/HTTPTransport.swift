import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

/// HTTP(S) through URLSession (FoundationNetworking, libcurl underneath): conditional GET, a whole-request deadline,
/// a size cap enforced while the body streams in, redirects counted here (at most five), gzip accepted, a User-Agent
/// naming selfbuy and the operator's contact, and no cache of its own.
public final class HTTPTransport: Transport, @unchecked Sendable {
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

    /// Seconds URLSession waits between two packets when a request sets no timeout of its own. Every request sets
    /// its own (``FetchRequest/timeout``): its whole-request deadline is what bounds a fetch.
    public let connectTimeout: TimeInterval
    /// Sent with every request unless the request names its own (a feed's `user_agent`).
    public let userAgent: String
    private let session: URLSession
    /// The session's delegate holds the per-task state; it does not point back here, so the session (which retains
    /// its delegate) and this transport form no cycle, and releasing the transport invalidates the session.
    private let delegate: SessionDelegate

    public init(connectTimeout: TimeInterval = 10, contact: String? = nil) {
        self.connectTimeout = connectTimeout
        userAgent = Self.userAgent(contact: contact)
        delegate = SessionDelegate()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.timeoutIntervalForRequest = connectTimeout
        configuration.httpCookieStorage = nil
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// A request's timeout as URLSession and Dispatch can take it: URLSession converts it to whole seconds with
    /// `Int(_:)`, which traps on infinity and NaN and turns 0.5 s into no time at all. Definitions are bounded
    /// already (1 s to 10 min); this bounds a request built in code to 1 s – 1 h.
    static func boundedTimeout(_ seconds: TimeInterval) -> TimeInterval {
        seconds.isFinite ? min(max(seconds, 1), 3600) : 3600
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        var request = request
        request.timeout = Self.boundedTimeout(request.timeout)
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // URLSession's timeout is a gap between packets, the first byte included: the request's own timeout, so a
        // slow server is cut by the whole-request deadline at the configured time and not earlier.
        urlRequest.timeoutInterval = request.timeout
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue("gzip, deflate", forHTTPHeaderField: "Accept-Encoding")
        urlRequest.setValue(
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
            forHTTPHeaderField: "Accept")
        if let etag = request.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = request.lastModified {
            urlRequest.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since")
        }
        for (name, value) in request.headers {
            // A password from the feed URL goes to the feed's own origin only, not to the pages its items link to.
            if name.lowercased() == "authorization", !URLCredentials.allows(value, to: request.url) { continue }
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        try Task.checkCancellation()
        let task = session.dataTask(with: urlRequest)
        let state = SessionDelegate.TaskState(limit: request.sizeLimit, url: request.url, timeout: request.timeout)
        state.userAgent = urlRequest.value(forHTTPHeaderField: "User-Agent") ?? userAgent
        let delegate = self.delegate
        let url = request.url.absoluteString
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                state.continuation = continuation
                delegate.register(task, state)
                // Cancelled before the request started: URLSession would never complete a task cancelled before
                // `resume()`, so the request is finished here.
                if Task.isCancelled {
                    delegate.finish(task, throwing: .connection(url: url, reason: "request cancelled"))
                    return
                }
                // The whole-request deadline: URLSession's own timeout only limits the gap between packets.
                let deadline = DispatchWorkItem { [weak delegate, weak task] in
                    guard let delegate, let task else { return }
                    delegate.finish(task, throwing: .timedOut(url: url, seconds: request.timeout))
                }
                state.deadline = deadline
                DispatchQueue.global().asyncAfter(deadline: .now() + request.timeout, execute: deadline)
                task.resume()
            }
        } onCancel: {
            delegate.finish(task, throwing: .connection(url: url, reason: "request cancelled"))
        }
    }
}

/// URLSession's delegate for ``HTTPTransport``: streams bodies under the cap, counts redirects, completes requests.
final class SessionDelegate: NSObject, @unchecked Sendable {
    final class TaskState {
        var continuation: CheckedContinuation<FetchResponse, Error>?
        var response: HTTPURLResponse?
        var body: [UInt8] = []
        var limit: Int
        var chain: [String]
        var failure: HTTPFetchError?
        var requestTimeout: TimeInterval
        /// Every redirect so far was permanent (301, 308): the final URL replaces the feed's for later polls.
        var allPermanent = true
        var deadline: DispatchWorkItem?
        /// Kept across redirects (libcurl would otherwise send its own).
        var userAgent = HTTPTransport.userAgent

        init(limit: Int, url: URL, timeout: TimeInterval) {
            self.limit = limit
            chain = [url.absoluteString]
            requestTimeout = timeout
        }
    }

    private let lock = NSLock()
    private var tasks: [Int: TaskState] = [:]

    func register(_ task: URLSessionTask, _ state: TaskState) {
        lock.withLock { tasks[task.taskIdentifier] = state }
    }

    /// Ends a request now with an error (deadline, cancellation) and cancels its URLSession task; the request's
    /// caller is resumed exactly once, whether or not URLSession ever reports the task complete.
    func finish(_ task: URLSessionTask, throwing error: HTTPFetchError) {
        let state = lock.withLock { tasks.removeValue(forKey: task.taskIdentifier) }
        task.cancel()
        guard let state else { return }
        let continuation = lock.withLock { () -> CheckedContinuation<FetchResponse, Error>? in
            defer { state.continuation = nil }
            return state.continuation
        }
        state.deadline?.cancel()
        state.deadline = nil
        continuation?.resume(throwing: error)
    }

    private func state(_ task: URLSessionTask) -> TaskState? {
        lock.withLock { tasks[task.taskIdentifier] }
    }
}

extension SessionDelegate: URLSessionDataDelegate {
    public func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard let state = state(task) else { return completionHandler(nil) }
        let next = request.url?.absoluteString ?? "?"
        let stop = lock.withLock { () -> Bool in
            state.chain.append(next)
            if response.statusCode != 301 && response.statusCode != 308 { state.allPermanent = false }
            if state.chain.count - 1 > HTTPTransport.maximumRedirects {
                state.failure = .tooManyRedirects(chain: state.chain)
                return true
            }
            return false
        }
        if stop {
            completionHandler(nil)
            task.cancel()
            return
        }
        var redirected = request
        redirected.setValue(lock.withLock { state.userAgent }, forHTTPHeaderField: "User-Agent")
        // Credentials from the feed URL go to its own host only, never to wherever a redirect points.
        if request.url?.host?.lowercased() != task.originalRequest?.url?.host?.lowercased()
            || request.url?.port != task.originalRequest?.url?.port
        {
            redirected.setValue(nil, forHTTPHeaderField: "Authorization")
        }
        completionHandler(redirected)
    }

    public func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let state = state(dataTask) else { return completionHandler(.allow) }
        let http = response as? HTTPURLResponse
        // A body declared larger than the cap (and not compressed, so the declared size is the size read) is
        // refused before any of it is read: nothing of it is buffered.
        let declared = http?.value(forHTTPHeaderField: "Content-Length").flatMap { Int($0) }
        let encoding = http?.value(forHTTPHeaderField: "Content-Encoding")?.lowercased() ?? "identity"
        let refuse = lock.withLock { () -> Bool in
            state.response = http
            guard let declared, declared > state.limit, encoding == "identity" else { return false }
            state.failure = .responseTooLarge(
                url: dataTask.originalRequest?.url?.absoluteString ?? "?", limit: state.limit)
            return true
        }
        completionHandler(refuse ? .cancel : .allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let state = state(dataTask) else { return }
        let overflow = lock.withLock { () -> Bool in
            guard state.failure == nil else { return false }
            if state.body.count + data.count > state.limit {
                state.failure = .responseTooLarge(
                    url: dataTask.originalRequest?.url?.absoluteString ?? "?", limit: state.limit)
                state.body = []
                return true
            }
            state.body.append(contentsOf: data)
            return false
        }
        if overflow { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let state = lock.withLock({ tasks.removeValue(forKey: task.taskIdentifier) }) else { return }
        let continuation = lock.withLock { () -> CheckedContinuation<FetchResponse, Error>? in
            defer { state.continuation = nil }
            return state.continuation
        }
        state.deadline?.cancel()
        state.deadline = nil
        let url = task.originalRequest?.url?.absoluteString ?? "?"
        if let failure = state.failure { return continuation?.resume(throwing: failure) ?? () }
        if let error {
            let reason: String
            if let urlError = error as? URLError {
                switch urlError.code {
                case .timedOut:
                    return continuation?.resume(
                        throwing: HTTPFetchError.timedOut(url: url, seconds: state.requestTimeout)) ?? ()
                case .cannotConnectToHost: reason = "connection refused"
                case .networkConnectionLost: reason = "connection reset while reading the response"
                case .cannotFindHost, .dnsLookupFailed: reason = "host not found"
                case .cancelled: reason = "request cancelled"
                default: reason = urlError.localizedDescription
                }
            } else {
                reason = "\(error)"
            }
            return continuation?.resume(throwing: HTTPFetchError.connection(url: url, reason: reason)) ?? ()
        }
        guard let response = state.response else {
            return continuation?.resume(throwing: HTTPFetchError.connection(url: url, reason: "no HTTP response")) ?? ()
        }
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        let finalURL = response.url ?? task.currentRequest?.url ?? URL(string: url)!
        var result = FetchResponse(
            url: finalURL, status: response.statusCode, body: state.body, contentType: headers["content-type"],
            etag: headers["etag"], lastModified: headers["last-modified"],
            retryAfter: RetryPolicy.retryAfterSeconds(headers["retry-after"], now: Date()), headers: headers)
        // A Location holding a password is not adopted: the feed's URL is shown, logged and stored.
        if state.chain.count > 1, state.allPermanent, finalURL.password == nil { result.permanentRedirect = finalURL }
        continuation?.resume(returning: result)
    }
}
