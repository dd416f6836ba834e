import CHTTPClient
import Foundation

/// One HTTP request and its reply through libcurl (`CHTTPClient`, which loads it at the first transfer), without following redirects: ``HTTPTransport``
/// follows and vets them. The transfer runs on a thread of its own (libcurl's easy interface blocks); the caller is
/// resumed once, at the reply, the failure, or its task's cancellation, whichever comes first.
struct CurlExchange: Sendable {
    var url: URL
    var method: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]?
    var sizeLimit: Int

    struct Reply: Sendable {
        var status: Int
        /// Lower-cased names; a repeated header's values joined with ", ".
        var headers: [String: String]
        var body: [UInt8]
    }

    /// The errors of one fetch, named by the URL it was asked for, whichever hop failed.
    struct Failures: Sendable {
        var url: String
        var timeout: TimeInterval
        var limit: Int

        var timedOut: HTTPFetchError { .timedOut(url: url, seconds: timeout) }
        var cancelled: HTTPFetchError { .connection(url: url, reason: "request cancelled") }
    }

    /// The gzip and deflate codings are asked for and decoded by libcurl, the cap counting decoded bytes.
    static let acceptEncoding = "gzip, deflate"

    func perform(within time: Duration, connectTimeout: Duration, failures: Failures) async throws -> Reply {
        let token = CancelToken()
        let outcome = Outcome()
        let exchange = self
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.set(continuation)
                if Task.isCancelled {
                    token.cancel()
                    outcome.resume(with: .failure(failures.cancelled))
                    return
                }
                let thread = Thread {
                    let result = exchange.run(
                        timeoutMilliseconds: Self.milliseconds(time),
                        connectMilliseconds: min(Self.milliseconds(connectTimeout), Self.milliseconds(time)),
                        token: token, failures: failures)
                    outcome.resume(with: result)
                }
                thread.stackSize = 512 * 1024
                thread.start()
            }
        } onCancel: {
            token.cancel()
            outcome.resume(with: .failure(failures.cancelled))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(clamping: seconds) &* 1000 &+ Int(attoseconds / 1_000_000_000_000_000))
    }

    /// The blocking transfer, on the exchange's own thread.
    private func run(
        timeoutMilliseconds: Int, connectMilliseconds: Int, token: CancelToken, failures: Failures
    ) -> Result<Reply, HTTPFetchError> {
        var encoding = Self.acceptEncoding
        var lines: [String] = []
        for (name, value) in headers {
            // A definition's own Accept-Encoding replaces the one libcurl decodes.
            if name.lowercased() == "accept-encoding" {
                encoding = value
                continue
            }
            lines.append("\(name): \(Self.headerSafe(value))")
        }
        let cLines = lines.map { strdup($0) }
        defer { cLines.forEach { free($0) } }
        var response = selfbuy_http_response()
        defer { selfbuy_http_response_free(&response) }
        url.absoluteString.withCString { cURL in
            method.withCString { cMethod in
                encoding.withCString { cEncoding in
                    cLines.map { UnsafePointer($0) }.withUnsafeBufferPointer { cHeaders in
                        let perform = { (bytes: UnsafePointer<UInt8>?, count: Int) in
                            var request = selfbuy_http_request(
                                url: cURL, method: cMethod, body: bytes, body_length: count,
                                headers: cHeaders.baseAddress, header_count: cHeaders.count,
                                accept_encoding: cEncoding, timeout_ms: timeoutMilliseconds,
                                connect_timeout_ms: connectMilliseconds, size_limit: max(0, sizeLimit),
                                token: token.pointer)
                            selfbuy_http_perform(&request, &response)
                        }
                        if let body {
                            body.withUnsafeBufferPointer {
                                perform($0.baseAddress ?? UnsafePointer(bitPattern: 1), $0.count)
                            }
                        } else {
                            perform(nil, 0)
                        }
                    }
                }
            }
        }
        switch Int(response.outcome) {
        case Int(SELFBUY_HTTP_OK):
            let bodyBytes =
                response.body.map { Array(UnsafeBufferPointer(start: $0, count: response.body_length)) } ?? []
            let headerText = response.header_block.map { String(cString: $0) } ?? ""
            return .success(Reply(status: response.status, headers: Self.parseHeaders(headerText), body: bodyBytes))
        case Int(SELFBUY_HTTP_TOO_LARGE): return .failure(.responseTooLarge(url: failures.url, limit: failures.limit))
        case Int(SELFBUY_HTTP_TIMED_OUT): return .failure(failures.timedOut)
        case Int(SELFBUY_HTTP_CANCELLED): return .failure(failures.cancelled)
        case Int(SELFBUY_HTTP_REFUSED): return .failure(.connection(url: failures.url, reason: "connection refused"))
        case Int(SELFBUY_HTTP_HOST_NOT_FOUND):
            return .failure(.connection(url: failures.url, reason: "host not found"))
        case Int(SELFBUY_HTTP_CUT_SHORT):
            return .failure(.connection(url: failures.url, reason: "connection reset while reading the response"))
        case Int(SELFBUY_HTTP_HEADERS_TOO_LARGE):
            return .failure(.connection(url: failures.url, reason: "response headers larger than 256 KiB"))
        case Int(SELFBUY_HTTP_UNAVAILABLE):
            return .failure(.connection(url: failures.url, reason: Self.unavailable(Self.message(of: response))))
        default:
            let message = Self.message(of: response)
            return .failure(.connection(url: failures.url, reason: message.isEmpty ? "transfer failed" : message))
        }
    }

    /// Why HTTP cannot be used in this process: libcurl is loaded at the first transfer, and the loader's reason
    /// (which names the file) is shown with the package that provides it.
    static func unavailable(_ reason: String) -> String {
        "HTTP client could not load libcurl (Debian package libcurl4): \(reason)"
    }

    private static func message(of response: selfbuy_http_response) -> String {
        withUnsafeBytes(of: response.message) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// A header value on one line: a line break in a definition's value would start a header of its own.
    private static func headerSafe(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
    }

    /// The header lines of a response (the status line skipped), names lower-cased.
    static func parseHeaders(_ block: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in block.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("HTTP/") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return headers
    }
}

/// libcurl's cancellation flag, released when both the transfer and the cancellation handler are done with it.
private final class CancelToken: @unchecked Sendable {
    let pointer: OpaquePointer?

    init() { pointer = selfbuy_http_token_new() }

    func cancel() { if let pointer { selfbuy_http_token_cancel(pointer) } }

    deinit { if let pointer { selfbuy_http_token_free(pointer) } }
}

/// The caller's continuation, resumed exactly once.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<CurlExchange.Reply, Error>?
    private var early: Result<CurlExchange.Reply, HTTPFetchError>?

    func set(_ continuation: CheckedContinuation<CurlExchange.Reply, Error>) {
        let ready = lock.withLock { () -> Result<CurlExchange.Reply, HTTPFetchError>? in
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready.mapError { $0 as Error }) }
    }

    func resume(with result: Result<CurlExchange.Reply, HTTPFetchError>) {
        let waiting = lock.withLock { () -> CheckedContinuation<CurlExchange.Reply, Error>? in
            defer { continuation = nil }
            if continuation == nil, early == nil { early = result }
            return continuation
        }
        waiting?.resume(with: result.mapError { $0 as Error })
    }
}
