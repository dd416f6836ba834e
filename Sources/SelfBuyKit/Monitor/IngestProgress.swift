import Foundation

/// The running totals of an ingest of many sources, and the one status line a terminal shows of them
/// (`ingest: 37/200 files, 1,850 items, 70 events, 12.3 MB/s`), redrawn at most ``interval`` apart.
public struct IngestProgress: Sendable {
    public var total: Int
    public var files = 0
    public var items = 0
    public var events = 0
    public var bytes = 0
    public let started: Date
    private var shownAt: Date?
    public static let interval: TimeInterval = 0.2

    public init(total: Int, started: Date = Date()) {
        self.total = total
        self.started = started
    }

    /// Counts one source: a failed one adds a file and nothing else.
    public mutating func add(_ summary: IngestSummary?, bytes: Int) {
        files += 1
        guard let summary else { return }
        items += summary.items
        events += summary.newEventIDs.count
        self.bytes += bytes
    }

    /// The status line.
    public func line(now: Date = Date()) -> String {
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / 1e6 / seconds
        let tenths = Int((rate * 10).rounded())
        return
            "ingest: \(files)/\(total) files, \(items) items, \(events) new events, \(tenths / 10).\(tenths % 10) MB/s"
    }

    /// The line to draw now (with a carriage return to overwrite the last), or nil when one was drawn less than
    /// ``interval`` ago and this is not the last source.
    public mutating func redraw(now: Date = Date()) -> String? {
        if files < total, let shownAt, now.timeIntervalSince(shownAt) < Self.interval { return nil }
        shownAt = now
        return "\r" + line(now: now) + "\u{1B}[K" + (files == total ? "\n" : "")
    }
}
