import ArgumentParser
import Foundation
import SelfBuyKit

/// Options every timeline command shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The timeline database (default: $SELFBUY_DB, else $XDG_DATA_HOME/selfbuy/selfbuy.sqlite).")
    var db: String?

    var databasePath: String { db ?? TimelineStore.defaultPath() }

    /// Opens the timeline: the writing commands (`create`: poll, daemon, ingest) for writing, creating and migrating
    /// it; the reading commands read-only, never creating, migrating or locking anything.
    func store(create: Bool) throws -> TimelineStore { try Self.store(at: databasePath, create: create) }

    /// ``store(create:)`` of the timeline at `path`, for a task that opens it while others go on.
    static func store(at path: String, create: Bool) throws -> TimelineStore {
        do {
            if !create { return try TimelineStore(readingAt: path) }
            return try TimelineStore(path: path, create: true)
        } catch let error as TimelineError {
            if case .missing = error { throw Console.fail("\(error)", status: ExitStatus.unavailable) }
            throw Console.fail("\(error)", status: ExitStatus.ioError)
        } catch {
            throw Console.fail("\(path): \(error)", status: ExitStatus.ioError)
        }
    }
}

/// Where feed definitions are read from: `--feeds`, else `./feeds` when present, else
/// `$XDG_CONFIG_HOME/selfbuy/feeds`.
struct FeedsOption: ParsableArguments {
    @Option(help: "A folder of feed definitions (*.toml) or one file.")
    var feeds: String?

    var path: String {
        if let feeds { return feeds }
        if FileManager.default.fileExists(atPath: "feeds") { return "feeds" }
        let environment = ProcessInfo.processInfo.environment
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return config + "/selfbuy/feeds"
    }
}
