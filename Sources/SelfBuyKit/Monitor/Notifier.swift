import Foundation
import Logging

/// Tells the user about new events: always a log line; optionally a webhook POST of each event's JSON and a command
/// run with the JSON on standard input — both off the polling path.
///
/// Deliveries wait in bounded queues (``queueLimit`` each; an event beyond it is dropped with an error in the log),
/// so a slow or dead receiver can neither stall polling nor grow memory. Webhooks are retried with doubling delays,
/// several at once; commands run one at a time, in order, each within ``commandTimeout`` (then SIGTERM, and SIGKILL
/// two seconds later, to its whole process group). ``drain(seconds:)`` bounds how long an exiting process waits.
public actor Notifier {
    public let webhook: URL?
    public let command: String?
    let logger: Logger
    /// Carries the webhook POSTs: selfbuy's own HTTP client (``HTTPTransport``), not `URLSession`, whose
    /// FoundationNetworking would bring libcurl and its twenty-odd libraries into every run of selfbuy.
    let transport: any Transport
    /// Attempts per webhook delivery.
    public var attempts = 5
    /// First retry delay; doubles each time.
    public var retryDelay: TimeInterval = 1
    /// Longest run of one notification command.
    public var commandTimeout: TimeInterval = 10
    /// Deliveries of each kind waiting or in flight; more are dropped.
    public var queueLimit = 100
    /// Webhook deliveries in flight at once.
    public var webhookConcurrency = 4

    private var webhookQueue: [String] = []
    private var webhooksRunning: [UUID: Task<Void, Never>] = [:]
    private var commandQueue: [String] = []
    private var commandWorker: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(webhook: URL?, command: String?, logger: Logger, transport: any Transport = HTTPTransport()) {
        self.webhook = webhook
        self.command = command
        self.logger = logger
        self.transport = transport
    }

    public func setRetry(attempts: Int, delay: TimeInterval) {
        self.attempts = attempts
        retryDelay = delay
    }

    public func setCommandTimeout(_ seconds: TimeInterval) { commandTimeout = seconds }

    public func setQueueLimit(_ limit: Int) { queueLimit = max(1, limit) }

    /// Announces events; returns at once, deliveries go on in the background.
    ///
    /// - Parameter logged: whether each event gets a log line; false where the caller has already printed the event
    ///   (`poll` prints its new events on standard output), so that each is reported once.
    public func notify(_ events: [TimelineEvent], logged: Bool = true) {
        for event in events {
            if logged { logger.notice("\(EventReport.line(event))") }
            let json = EventReport.json(event).serialized()
            if webhook != nil { enqueueWebhook(json, id: event.id) }
            if command != nil { enqueueCommand(json, id: event.id) }
        }
    }

    /// Whether nothing is waiting or in flight.
    public var isIdle: Bool {
        webhookQueue.isEmpty && webhooksRunning.isEmpty && commandQueue.isEmpty && commandWorker == nil
    }

    /// Waits at most `seconds` for the deliveries queued and in flight, then gives up on the rest: running commands
    /// are killed, webhook requests cancelled, waiting deliveries dropped (each counted in the log).
    public func drain(seconds: TimeInterval) async {
        if !isIdle {
            let timer = Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                await self?.wakeIdleWaiters()
            }
            await withCheckedContinuation { idleWaiters.append($0) }
            timer.cancel()
        }
        guard !isIdle else { return }
        let dropped = webhookQueue.count + commandQueue.count
        let cut = webhooksRunning.count + (commandWorker == nil ? 0 : 1)
        logger.error(
            "notifications: gave up after \(seconds) s: \(cut) in flight stopped, \(dropped) waiting dropped")
        webhookQueue.removeAll()
        commandQueue.removeAll()
        for task in webhooksRunning.values { task.cancel() }
        commandWorker?.cancel()
        for task in Array(webhooksRunning.values) { await task.value }
        await commandWorker?.value
    }

    private func wakeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func settled() {
        if isIdle { wakeIdleWaiters() }
    }

    // MARK: - Webhooks

    private func enqueueWebhook(_ json: String, id: String) {
        guard webhookQueue.count + webhooksRunning.count < queueLimit else {
            logger.error("webhook queue full (\(queueLimit)): dropped the notification of \(id)")
            return
        }
        webhookQueue.append(json)
        startWebhooks()
    }

    private func startWebhooks() {
        guard let webhook else { return }
        while webhooksRunning.count < webhookConcurrency, !webhookQueue.isEmpty {
            let json = webhookQueue.removeFirst()
            let key = UUID()
            let (attempts, delay, logger, transport) = (attempts, retryDelay, logger, transport)
            webhooksRunning[key] = Task {
                await Self.post(
                    json, to: webhook, attempts: attempts, delay: delay, logger: logger, transport: transport)
                self.webhookFinished(key)
            }
        }
    }

    private func webhookFinished(_ key: UUID) {
        webhooksRunning[key] = nil
        startWebhooks()
        settled()
    }

    /// Seconds one webhook request may take, connection included.
    static let webhookTimeout: TimeInterval = 10
    /// Largest webhook reply read (it is not used): a receiver cannot grow selfbuy's memory by replying; a longer
    /// reply fails the attempt, which is retried.
    static let webhookReplyLimit = 1024 * 1024

    /// The request of one webhook delivery: a POST of the event's JSON, redirects followed as the transport follows
    /// them.
    static func webhookRequest(_ json: String, to url: URL, timeout: TimeInterval = webhookTimeout) -> FetchRequest {
        var request = FetchRequest(url: url, timeout: timeout, sizeLimit: webhookReplyLimit)
        request.method = "POST"
        request.body = Array(json.utf8)
        request.headers = [
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": HTTPTransport.userAgent,
            // The transport's default Accept is a feed's; a webhook's reply is whatever the receiver sends.
            "Accept": "*/*",
        ]
        return request
    }

    /// - Parameter timeout: one attempt's time, redirects included (tests on a loaded machine give more than the
    ///   10 s an operator's webhook gets, since the time also runs while the task waits for a thread between hops).
    static func post(
        _ json: String, to url: URL, attempts: Int, delay: TimeInterval, logger: Logger, transport: any Transport,
        timeout: TimeInterval = webhookTimeout
    ) async {
        let request = webhookRequest(json, to: url, timeout: timeout)
        var wait = delay
        for attempt in 1...max(1, attempts) {
            if Task.isCancelled { return }
            do {
                let status = try await transport.fetch(request).status
                if (200..<300).contains(status) { return }
                logger.warning(
                    "webhook \(url.absoluteString) answered HTTP \(status) (attempt \(attempt) of \(attempts))")
            } catch {
                if Task.isCancelled { return }
                logger.warning("webhook \(url.absoluteString) failed: \(error) (attempt \(attempt) of \(attempts))")
            }
            if attempt < attempts {
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                wait *= 2
            }
        }
        logger.error("webhook \(url.absoluteString): giving up after \(attempts) attempts")
    }

    // MARK: - Commands

    private func enqueueCommand(_ json: String, id: String) {
        guard commandQueue.count + (commandWorker == nil ? 0 : 1) < queueLimit else {
            logger.error("notify command queue full (\(queueLimit)): dropped the notification of \(id)")
            return
        }
        commandQueue.append(json)
        if commandWorker == nil {
            commandWorker = Task { await self.runCommands() }
        }
    }

    private func runCommands() async {
        while let command, !commandQueue.isEmpty, !Task.isCancelled {
            let json = commandQueue.removeFirst()
            let outcome = await NotifyCommand.run(command, input: json, timeout: commandTimeout)
            switch outcome {
            case .exited(0): break
            case .exited(let status): logger.warning("notify command exited with status \(status): \(command)")
            case .killed(let signal): logger.warning("notify command killed by signal \(signal): \(command)")
            case .timedOut:
                logger.warning("notify command ran past \(commandTimeout) s and was stopped: \(command)")
            case .couldNotStart(let code):
                logger.error("notify command could not start: \(command): \(String(cString: strerror(code)))")
            }
        }
        commandWorker = nil
        settled()
    }
}
