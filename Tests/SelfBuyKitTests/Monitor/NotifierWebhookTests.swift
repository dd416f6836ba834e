import Foundation
import Logging
import LoopbackServer
import Testing

@testable import SelfBuyKit

/// The messages a logger was given, for tests that check what an operator would read.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String)] = []

    var messages: [(level: Logger.Level, message: String)] { lock.withLock { entries } }

    func record(_ level: Logger.Level, _ message: String) { lock.withLock { entries.append((level, message)) } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { recorder.record(event.level, "\(event.message)") }
    }
}

@Suite("webhook deliveries through selfbuy's HTTP client, against 127.0.0.1")
struct NotifierWebhookTests {
    static let json = #"{"issuer": "华泰证券资管", "amount_yuan": 32000000}"#
    /// An attempt's time: the suite's other tests can keep every thread of the test process busy for most of a minute
    /// on a 2-core machine, and a redirect's second hop waits for one (a 307 test timed out at 10 s that way in CI).
    static let timeout: TimeInterval = 300

    @Test("the POST carries the event's JSON, a JSON content type, selfbuy's User-Agent and Accept */*")
    func request() async throws {
        let hook = try LoopbackServer { _ in .respond(status: 204, headers: [], body: []) }
        let log = LogRecorder()
        let url = try #require(URL(string: hook.baseURL + "/hook"))
        await Notifier.post(
            Self.json, to: url, attempts: 1, delay: 0, logger: log.logger, transport: HTTPTransport(),
            timeout: Self.timeout)
        let received = try #require(hook.requests.first)
        #expect(hook.requests.count == 1)
        #expect(received.method == "POST")
        #expect(received.path == "/hook")
        #expect(received.body == Array(Self.json.utf8))
        #expect(received.headers["content-type"] == "application/json; charset=utf-8")
        #expect(received.headers["user-agent"] == HTTPTransport.userAgent)
        #expect(received.headers["accept"] == "*/*")
        #expect(log.messages.isEmpty)
    }

    @Test("a refused connection is logged as one line naming the URL and the reason, then given up")
    func refused() async throws {
        let closed = try LoopbackServer { _ in .respond(status: 204, headers: [], body: []) }
        closed.stop()
        let url = try #require(URL(string: closed.baseURL + "/hook"))
        let log = LogRecorder()
        await Notifier.post(
            Self.json, to: url, attempts: 2, delay: 0.01, logger: log.logger, transport: HTTPTransport(),
            timeout: Self.timeout)
        let lines = log.messages.map(\.message)
        #expect(
            lines == [
                "webhook \(url.absoluteString) failed: \(url.absoluteString): connection refused (attempt 1 of 2)",
                "webhook \(url.absoluteString) failed: \(url.absoluteString): connection refused (attempt 2 of 2)",
                "webhook \(url.absoluteString): giving up after 2 attempts",
            ])
        #expect(log.messages.map(\.level) == [.warning, .warning, .error])
    }

    @Test("a 500 is logged with its status and retried; the 204 that follows ends the delivery")
    func retried() async throws {
        let posts = RequestCounter()
        let hook = try LoopbackServer { _ in
            .respond(status: posts.next() == 0 ? 500 : 204, headers: [], body: [])
        }
        let url = try #require(URL(string: hook.baseURL + "/hook"))
        let log = LogRecorder()
        await Notifier.post(
            Self.json, to: url, attempts: 3, delay: 0.01, logger: log.logger, transport: HTTPTransport(),
            timeout: Self.timeout)
        #expect(hook.requests.count == 2)
        #expect(log.messages.map(\.message) == ["webhook \(url.absoluteString) answered HTTP 500 (attempt 1 of 3)"])
    }

    @Test("a 307 is followed with the same POST and body, as the transport follows redirects")
    func redirected() async throws {
        let hook = try LoopbackServer { request in
            request.path == "/old"
                ? .respond(status: 307, headers: [("Location", "/new")], body: [])
                : .respond(status: 200, headers: [], body: Array("ok".utf8))
        }
        let url = try #require(URL(string: hook.baseURL + "/old"))
        let log = LogRecorder()
        await Notifier.post(
            Self.json, to: url, attempts: 1, delay: 0, logger: log.logger, transport: HTTPTransport(),
            timeout: Self.timeout)
        let requests = hook.requests
        #expect(requests.map(\.path) == ["/old", "/new"])
        #expect(requests.map(\.method) == ["POST", "POST"])
        #expect(requests.last?.body == Array(Self.json.utf8))
        #expect(log.messages.isEmpty)
    }

    @Test("a reply longer than the webhook's 1 MiB is not read: the attempt fails and is logged")
    func boundedReply() async throws {
        let hook = try LoopbackServer { _ in .stream(status: 200, headers: [], bytes: 8 * 1024 * 1024) }
        let url = try #require(URL(string: hook.baseURL + "/hook"))
        let log = LogRecorder()
        await Notifier.post(
            Self.json, to: url, attempts: 1, delay: 0, logger: log.logger, transport: HTTPTransport(),
            timeout: Self.timeout)
        #expect(
            log.messages.first?.message
                == "webhook \(url.absoluteString) failed: \(url.absoluteString): response larger than 1048576 bytes, "
                + "cut off (attempt 1 of 1)")
    }
}
