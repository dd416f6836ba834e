import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Tells the user about new events: always a log line; optionally a webhook POST of each event's JSON (retried with
/// backoff in the background, never blocking polling) and a command run with the JSON on standard input.
public actor Notifier {
    public let webhook: URL?
    public let command: String?
    let logger: Logger
    /// Attempts per webhook delivery.
    public var attempts = 5
    /// First retry delay; doubles each time.
    public var retryDelay: TimeInterval = 1
    private var pending: [Task<Void, Never>] = []

    public init(webhook: URL?, command: String?, logger: Logger) {
        self.webhook = webhook
        self.command = command
        self.logger = logger
    }

    public func setRetry(attempts: Int, delay: TimeInterval) {
        self.attempts = attempts
        retryDelay = delay
    }

    /// Announces events; returns at once, deliveries go on in the background.
    public func notify(_ events: [TimelineEvent]) {
        pending.removeAll { $0.isCancelled }
        for event in events {
            logger.notice("\(EventReport.line(event))")
            let json = EventReport.json(event).serialized()
            if let webhook {
                let attempts = attempts
                let delay = retryDelay
                let logger = logger
                pending.append(
                    Task { await Self.post(json, to: webhook, attempts: attempts, delay: delay, logger: logger) })
            }
            if let command {
                let logger = logger
                pending.append(Task.detached { Self.run(command, input: json, logger: logger) })
            }
        }
    }

    /// Waits (at most `seconds`) for deliveries in flight, for one-shot polls that exit afterwards.
    public func drain(seconds: TimeInterval) async {
        let tasks = pending
        pending = []
        let deadline = Date().addingTimeInterval(seconds)
        for task in tasks {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                task.cancel()
                continue
            }
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(remaining * 1_000_000_000))
                task.cancel()
            }
            await task.value
            timer.cancel()
        }
    }

    static func post(_ json: String, to url: URL, attempts: Int, delay: TimeInterval, logger: Logger) async {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        request.timeoutInterval = 10
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue(HTTPTransport.userAgent, forHTTPHeaderField: "User-Agent")
        var wait = delay
        for attempt in 1...max(1, attempts) {
            if Task.isCancelled { return }
            do {
                let (_, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) { return }
                logger.warning(
                    "webhook \(url.absoluteString) answered HTTP \(status) (attempt \(attempt) of \(attempts))")
            } catch {
                logger.warning("webhook \(url.absoluteString) failed: \(error) (attempt \(attempt) of \(attempts))")
            }
            if attempt < attempts {
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                wait *= 2
            }
        }
        logger.error("webhook \(url.absoluteString): giving up after \(attempts) attempts")
    }

    static func run(_ command: String, input: String, logger: Logger) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
            // A command that exits without reading its input must not bring selfbuy down (FileHandle.write traps).
            try? pipe.fileHandleForWriting.write(contentsOf: Data((input + "\n").utf8))
            try? pipe.fileHandleForWriting.close()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                logger.warning("notify command exited with status \(process.terminationStatus): \(command)")
            }
        } catch {
            logger.error("notify command could not start: \(command): \(error)")
        }
    }
}
