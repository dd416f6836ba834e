import Foundation
import SelfBuyDetection

/// One source as read for the pipeline: its items, where they came from and how many bytes it had.
public struct ReadSource: Sendable {
    public var items: [FeedItem]
    public var sourceURL: URL
    public var bytes: Int
    public var fetchedAt: Date

    public init(items: [FeedItem], sourceURL: URL, bytes: Int, fetchedAt: Date = Date()) {
        self.items = items
        self.sourceURL = sourceURL
        self.bytes = bytes
        self.fetchedAt = fetchedAt
    }
}

/// Many sources ingested on every core: each is read (fetched, parsed) and detected by its own task, at most
/// ``width`` at once (``width`` × ``readAhead`` while the ingestor is being built) and in any order, and one writer
/// (``PipelineWriter``) records them in input order, as soon as a source and all those before it are done.
///
/// The timeline is therefore the one a sequential ingest of the same sources writes, event for event and id for id:
/// the writer records the same documents in the same order, and detection only reads (a document that an earlier
/// source of the same run also holds is detected once: ``ContentClaims``). Memory stays bounded by the items and
/// detections of ``width`` × ``readAhead`` sources, the writer's backlog and its open transaction.
public struct IngestPipeline: Sendable {
    /// The ingestor, ready or being built (``init(building:width:date:)``); building it may fail (its timeline cannot
    /// be opened), which fails the run.
    private let ingestor: Task<Ingestor, any Error>
    /// Sources read and detected at once: one per core and one more, so that a core never waits for the writer.
    public var width: Int
    /// The longest a read source waits for its commit: a slow run (fetched pages, large PDFs) still records as it
    /// goes. Committed sources are told about when the next source has been read.
    static let maximumWait = Duration.seconds(1)
    /// Sources read ahead of the oldest one still being read, per core.
    static let readAhead = 4
    /// The announcement date of every source (`ingest --date`).
    public var date: String?

    public init(ingestor: Ingestor, width: Int = ProcessInfo.processInfo.activeProcessorCount + 1, date: String? = nil)
    {
        self.ingestor = Task { ingestor }
        self.width = min(max(1, width), 64)
        self.date = date
    }

    /// A pipeline whose ingestor is built on another core while the first sources are read and parsed: building the
    /// standard detector loads OpenCC's folding table, and opening the timeline waits for the disk (a new file is
    /// synced four times; an existing one of up to 256 MiB is checked with `quick_check`), neither of which is then
    /// added to the run's time. What `make` throws is what ``run(_:read:recorded:)`` throws, before any source is
    /// told about.
    public init(
        building make: @escaping @Sendable () async throws -> Ingestor,
        width: Int = ProcessInfo.processInfo.activeProcessorCount + 1, date: String? = nil
    ) {
        self.ingestor = Task.detached { try await make() }
        self.width = min(max(1, width), 64)
        self.date = date
    }

    /// Reads, detects and records `sources`.
    ///
    /// A writer thread (``PipelineWriter``) records the sources' documents as they come, in input order, while the next
    /// sources are read; its transactions hold up to ``Ingestor/batchSize`` documents (or what a second brings), so that
    /// many small files cost few commits. `recorded` hears of each source once all its documents are committed.
    ///
    /// - Parameters:
    ///   - read: reads one source; a failure is handed to `recorded` in its turn and the others go on.
    ///   - recorded: called in input order with each source and what recording it changed, or why it was not read.
    ///     It may read the timeline but not write it: the writer's transaction may be open, waiting for sources.
    /// - Throws: what `recorded` throws, and a timeline that cannot be read or written (``TimelineError``): the
    ///   sources recorded before stay recorded.
    public func run<Source: Sendable, Failure: Error>(
        _ sources: [Source], read: @escaping @Sendable (Source) async -> Result<ReadSource, Failure>,
        recorded: (Source, Result<(summary: IngestSummary, bytes: Int), Failure>) throws -> Void
    ) async throws {
        try await run(sources, read: read) { source, result, _ in try recorded(source, result) }
    }

    /// ``run(_:read:recorded:)``, telling `recorded` the timeline the sources are recorded in as well.
    ///
    /// The writer trusts what the cores found absent from the timeline as long as no other connection commits
    /// (``RecordedInRun``): nothing else in this process may write through the timeline's own connection meanwhile.
    public func run<Source: Sendable, Failure: Error>(
        _ sources: [Source], read: @escaping @Sendable (Source) async -> Result<ReadSource, Failure>,
        recorded: (Source, Result<(summary: IngestSummary, bytes: Int), Failure>, TimelineStore) throws -> Void
    ) async throws {
        try await run(sources, read: read, recordedInRun: nil, recorded: recorded)
    }

    /// ``run(_:read:recorded:)`` with the writer's memory of the run and its log checkpointer given (tests look into
    /// them afterwards).
    func run<Source: Sendable, Failure: Error>(
        _ sources: [Source], read: @escaping @Sendable (Source) async -> Result<ReadSource, Failure>,
        recordedInRun: RecordedInRun?, checkpointer: LogCheckpointer? = nil,
        recorded: (Source, Result<(summary: IngestSummary, bytes: Int), Failure>, TimelineStore) throws -> Void
    ) async throws {
        let building = ingestor
        // The cores read their snapshots of the timeline through connections of their own (``SnapshotReaders``),
        // closed once the cores are done.
        let cores = Task { () throws -> Ingestor in
            var ingestor = try await building.value
            ingestor.store = ingestor.store.reading(through: SnapshotReaders(path: ingestor.store.path))
            return ingestor
        }
        do {
            try await run(
                sources, read: read, recorded: recorded, recordedInRun: recordedInRun ?? RecordedInRun(),
                checkpointer: checkpointer, building: building, cores: cores)
        } catch {
            await Self.closeReaders(of: cores)
            throw error
        }
        await Self.closeReaders(of: cores)
    }

    /// Closes the cores' snapshot connections, before any of the timeline's own can close.
    private static func closeReaders(of cores: Task<Ingestor, any Error>) async {
        (try? await cores.value)?.store.snapshotReaders?.close()
    }

    /// The run itself: `building` gives the writer its ingestor, `cores` the cores theirs.
    private func run<Source: Sendable, Failure: Error>(
        _ sources: [Source], read: @escaping @Sendable (Source) async -> Result<ReadSource, Failure>,
        recorded: (Source, Result<(summary: IngestSummary, bytes: Int), Failure>, TimelineStore) throws -> Void,
        recordedInRun: RecordedInRun, checkpointer: LogCheckpointer?, building: Task<Ingestor, any Error>,
        cores: Task<Ingestor, any Error>
    ) async throws {
        typealias Detected = Result<(items: Int, bytes: Int, documents: [DetectedDocument]), Failure>
        let date = date
        let width = width
        let claims = ContentClaims()
        try await withThrowingTaskGroup(of: (Int, Detected).self) { group in
            var next = 0
            var running = 0
            func start() {
                let source = sources[next]
                let index = next
                next += 1
                running += 1
                group.addTask {
                    switch await read(source) {
                    case .failure(let failure): return (index, .failure(failure))
                    case .success(let document):
                        let ingestor = try await cores.value
                        // Before this source's snapshot of the timeline: what it finds absent is then trusted.
                        try recordedInRun.start(ingestor.store)
                        let detected = try ingestor.detect(
                            document.items, sourceURL: document.sourceURL, date: date, fetchedAt: document.fetchedAt,
                            recordedBefore: { claims.claim($0, by: index) })
                        // The source's items are let go here, by the task that read them, on the core whose
                        // allocator made them: freed on the pipeline's task, they took that allocator's lock while
                        // its core went on allocating (a tenth of the pipeline task's time was spent waiting for it).
                        return (index, .success((document.items.count, document.bytes, detected)))
                    }
                }
            }
            // The first sources are read while the ingestor may still be being built: as many as may be read ahead,
            // so that no core waits for it with nothing to read (each then waits with its source read).
            while next < sources.count && next < width * Self.readAhead { start() }
            let ingestor = try await building.value
            // The data version is read before the writer starts: a core that reads it first does so before its own
            // snapshot (above), and one that comes later then finds it read, not waiting for the writer's connection
            // while a transaction holds it (a first source that could not be read left the writer waiting for the next
            // one for up to a second, and the run trusting no absence).
            try recordedInRun.start(ingestor.store)
            let writer = PipelineWriter(
                ingestor: ingestor, claims: claims, recordedInRun: recordedInRun,
                checkpointer: checkpointer ?? LogCheckpointer(path: ingestor.store.path), maximumWait: Self.maximumWait)
            writer.start()
            // Sources read ahead of the next one to hand to the writer, by index: a slow source holds up the writer,
            // not the cores, as long as fewer than ``readAhead`` sources wait behind it.
            var done: [Int: Detected] = [:]
            // Sources handed to the writer and not yet told about, in input order: how many items and bytes each had,
            // or why it was not read.
            var waiting: [(source: Source, read: Result<(items: Int, bytes: Int), Failure>)] = []
            var told = 0
            // Tells `recorded` of the sources committed so far, in order.
            func tell() throws {
                let (completed, failure) = writer.takeCompleted()
                for completion in completed {
                    let entry = waiting[completion.index - told]
                    switch entry.read {
                    case .failure(let failure): try recorded(entry.source, .failure(failure), ingestor.store)
                    case .success(let read):
                        var summary = IngestSummary()
                        summary.items = read.items
                        for outcome in completion.outcomes { summary.add(outcome) }
                        try recorded(entry.source, .success((summary, read.bytes)), ingestor.store)
                    }
                }
                if let last = completed.last {
                    waiting.removeFirst(last.index + 1 - told)
                    told = last.index + 1
                }
                if let failure { throw failure }
            }
            do {
                var index = 0
                while index < sources.count, let (finished, result) = try await group.next() {
                    running -= 1
                    done[finished] = result
                    while let result = done.removeValue(forKey: index) {
                        switch result {
                        case .failure(let failure):
                            waiting.append((sources[index], .failure(failure)))
                            await writer.hand(PipelineWriter.Chunk(index: index, documents: []))
                        case .success(let read):
                            waiting.append((sources[index], .success((read.items, read.bytes))))
                            await writer.hand(PipelineWriter.Chunk(index: index, documents: read.documents))
                        }
                        index += 1
                    }
                    while running < width && next < sources.count && next - index < width * Self.readAhead { start() }
                    try tell()
                }
                await writer.close()
                try tell()
            } catch {
                // Nothing is read or written once the pipeline returns.
                group.cancelAll()
                await writer.stop()
                throw error
            }
        }
    }
}
