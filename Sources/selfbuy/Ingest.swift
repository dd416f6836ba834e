import ArgumentParser
import Foundation
import SelfBuyKit

extension SelfBuyCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Read sources (files, folders, file:// or http(s):// URLs) and store the pledges they report.")

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: """
                Files, folders (every source under them, recognised by content) or URLs: RSS, Atom, RDF, HTML or PDF, \
                sniffed from the content; - reads paths and URLs from standard input, one a line.
                """)
        var sources: [String]

        @Option(help: "The announcement date of every source, YYYY-MM-DD.")
        var date: String?

        @Flag(help: "Print errors only: no line per source, no progress.")
        var quiet = false

        @OptionGroup var issuers: IssuersOption

        func validate() throws {
            if sources.isEmpty { throw ValidationError("name at least one source") }
            if let date, !DayArgument.isValid(date) { throw ValidationError("--date must be YYYY-MM-DD, got \(date)") }
        }

        /// Tries every source; a source that fails is reported and the others are still stored. The exit status is
        /// that of the first failure: 66 for a missing or unreadable file, 65 for data that is not a feed or page,
        /// 69 for an unavailable URL. A timeline that cannot be written stops the command at once (74).
        ///
        /// Sources are read and detected on every core and recorded in the order given; a terminal on standard error
        /// shows progress (files, items, events, MB/s) unless `--quiet`.
        func run() async throws {
            let list: [String]
            do {
                list = try IngestSources.expand(sources)
            } catch {
                throw Console.fail("\(error)", status: ExitStatus.usage)
            }
            // The timeline is opened and the built-in detector finished (``PledgeDetector/prepareStandard()`` began it
            // at start) on two of the pipeline's first tasks, while the first sources are read (a new timeline waits
            // for the disk; the issuer table is parsed, OpenCC's loads).
            let path = global.databasePath
            let extended = issuers.path == nil ? nil : try issuers.detector()
            let pipeline = IngestPipeline(
                building: {
                    let detector = Task.detached { extended ?? .standard }
                    let store = try GlobalOptions.store(at: path, create: true)
                    return Ingestor(store: store, detector: await detector.value)
                }, date: date)
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            // A source's lines on the same terminal first clear the progress line they would run into.
            let sharesTerminal = showProgress && Console.isTerminal
            var progress = IngestProgress(total: list.count)
            var failure: Int32?
            try await pipeline.run(list, read: { await SourceInput.read($0) }) { source, result, store in
                switch result {
                case .failure(let problem):
                    if showProgress { StandardError.write("\r\u{1B}[K") }
                    Console.error(problem.message)
                    failure = failure ?? problem.status
                    progress.add(nil, bytes: 0)
                case .success(let (summary, bytes)):
                    progress.add(summary, bytes: bytes)
                    if !quiet {
                        if sharesTerminal { StandardError.write("\r\u{1B}[K") }
                        try report(source, summary, store: store)
                    }
                }
                if showProgress, let line = progress.redraw() { StandardError.write(line) }
            }
            if let failure { throw ExitCode(failure) }
        }

        private func report(_ source: String, _ summary: IngestSummary, store: TimelineStore) throws {
            try Console.print(
                "\(source): \(summary.items) items, \(summary.newDocuments) new documents, "
                    + "\(summary.newEventIDs.count) new events, \(summary.mergedEventIDs.count) merged"
                    + summary.revisionNote)
            // An event a later source of the same batch withdrew is gone by now: it is counted, not printed.
            for (change, ids) in [("new", summary.newEventIDs), ("revised", summary.revisedEventIDs)] {
                for id in ids {
                    guard let event = try store.eventIfStored(id: id) else { continue }
                    try Console.print(EventReport.line(event, change: change))
                }
            }
        }
    }
}
