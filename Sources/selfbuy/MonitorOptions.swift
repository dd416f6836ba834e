import ArgumentParser
import Foundation
import Logging
import SelfBuyKit

/// Options of the commands that poll: notifications, concurrency, logging.
struct MonitorOptions: ParsableArguments {
    @Option(help: "POST each new event's JSON to this URL (retried with backoff, never blocking polling).")
    var notifyWebhook: String?

    @Option(help: "Run this shell command for each new event, with the event's JSON on standard input.")
    var notifyExec: String?

    @Option(help: "Feeds fetched at once.")
    var concurrency = 4

    @Option(help: "Minimum seconds between two requests to one host (0 to 600).")
    var hostGap: Double = 2

    @Option(help: "Largest response accepted, in bytes (1024 to 104857600).")
    var maxResponseBytes = 10 * 1024 * 1024

    /// `--host-gap` may range from none to 10 minutes.
    static let hostGapRange: ClosedRange<Double> = 0...600
    /// `--max-response-bytes` may range from 1 KiB to 100 MiB.
    static let responseBytesRange = 1024...100 * 1024 * 1024

    @Option(
        help: ArgumentHelp(
            "An e-mail address or URL where sites can reach the operator, sent in the User-Agent "
                + "(default: $SELFBUY_CONTACT).", valueName: "contact"))
    var contact: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "notice"

    @OptionGroup var issuers: IssuersOption

    func validate() throws {
        if let notifyWebhook {
            guard let url = URL(string: notifyWebhook), ["http", "https"].contains(url.scheme?.lowercased() ?? "")
            else {
                throw ValidationError("--notify-webhook must be an http(s) URL")
            }
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be from 1 to 64") }
        // `inf` and `nan` parse as a Double: refused here, before any conversion to a sleep could trap.
        guard hostGap.isFinite, Self.hostGapRange.contains(hostGap) else {
            throw ValidationError("--host-gap must be a number of seconds from 0 to 600")
        }
        guard Self.responseBytesRange.contains(maxResponseBytes) else {
            throw ValidationError("--max-response-bytes must be from 1024 to 104857600 (100 MiB)")
        }
        if let contact, contact.count > 200 || contact.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw ValidationError("--contact must be one line of at most 200 characters")
        }
    }

    /// Logs go to standard error through swift-log, one format with China-time stamps (``ChinaTimeLogHandler``).
    func logger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .notice
        LoggingSystem.bootstrap { label in ChinaTimeLogHandler(label: label, level: level) }
        return Logger(label: "selfbuy")
    }

    /// The feed definitions to poll; problems are printed, and no valid feed at all is a usage error.
    func feeds(from option: FeedsOption) throws -> (feeds: [FeedDefinition], hadErrors: Bool) {
        let (feeds, errors) = FeedCatalog.load(option.path)
        for error in errors { Console.error("\(error)") }
        guard !feeds.isEmpty else {
            throw Console.fail("\(option.path): no feed definitions", status: ExitStatus.usage)
        }
        return (feeds, !errors.isEmpty)
    }

    func round(store: TimelineStore) throws -> PollRound {
        let contact = self.contact ?? ProcessInfo.processInfo.environment["SELFBUY_CONTACT"]
        var round = PollRound(
            store: store, transport: TransportRouter(http: HTTPTransport(contact: contact)),
            detector: try issuers.detector())
        round.concurrency = concurrency
        round.hostGap = hostGap
        round.sizeLimit = maxResponseBytes
        return round
    }

    func notifier(logger: Logger) -> Notifier {
        Notifier(webhook: notifyWebhook.flatMap(URL.init(string:)), command: notifyExec, logger: logger)
    }
}
