import Foundation
import Logging

/// The one log format of selfbuy: a line per message on standard error, stamped in China time like every other time
/// selfbuy prints (`2025-08-25T17:30:00+08:00 warning selfbuy: feed: …`), metadata as `key=value` after the message.
public struct ChinaTimeLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    /// Where lines go (tests collect them); standard error by default.
    let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = StandardError.write) {
        self.label = label
        logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        write(Self.line(level: event.level, label: label, message: "\(event.message)", metadata: merged, at: Date()))
    }

    /// `TIME LEVEL LABEL: MESSAGE key=value…` with TIME in +08:00.
    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, at date: Date)
        -> String
    {
        let stamp = PublishedDate(
            epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)), offsetSeconds: CivilTime.chinaOffset
        ).iso8601
        var text = "\(stamp) \(level) \(label): \(message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { text += " \(key)=\(value)" }
        return text + "\n"
    }
}
