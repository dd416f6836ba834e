import Foundation

/// The writer of an ``IngestPipeline``: a thread of its own that records sources' documents in the order they are
/// handed in, while the cores go on reading and detecting the sources after them.
///
/// A transaction holds up to ``Ingestor/batchSize`` documents, or what ``IngestPipeline/maximumWait`` brings, or
/// ``maximumSources`` sources: it stays open while the next source is being read, so that documents are recorded as
/// they come rather than all at the end of a batch, and is committed whole. Handing in is bounded: ``hand(_:)``
/// suspends while more than ``backlog`` documents wait, so memory holds at most that many besides the open
/// transaction's. What each source changed comes back in input order (``takeCompleted()``) once its transaction is
/// committed; ``close()`` waits until everything handed in is, and ``stop()`` until the open transaction ends.
final class PipelineWriter: @unchecked Sendable {
    /// One source's documents (none for a source that could not be read), by its index in the input.
    struct Chunk {
        var index: Int
        var documents: [DetectedDocument]
    }

    /// What recording a source changed: one outcome per document.
    struct Completion {
        var index: Int
        var outcomes: [RecordOutcome]
    }

    /// Taken by the writer's thread when it starts, and let go before it tells that it has ended: the thread (which
    /// outlives the pipeline's run by a little) must not hold the last reference to the timeline, whose closing
    /// (checkpoint, removal of the write-ahead log) would then race the process's exit.
    private var ingestor: Ingestor?
    private let claims: ContentClaims
    /// What this writer has recorded, so that what the cores found absent spares it looking again.
    private let recordedInRun: RecordedInRun
    private let maximumWait: Duration
    /// Documents waiting to be recorded before ``hand(_:)`` suspends.
    let backlog: Int
    /// The write-ahead log's pages (16 MiB) past which a commit of this writer checkpoints it. With `synchronous =
    /// NORMAL`, the log is synced at checkpoints only: a power failure (not a crash of selfbuy) may lose up to this
    /// much of the latest commits, which a re-run records again, against SQLite's 4 MB.
    static let checkpointPages = 4096
    /// Sources to a transaction at most, so that sources without new documents are still told about as they go.
    static let maximumSources = 1024

    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var queueStart = 0
    private var queuedDocuments = 0
    private var closed = false
    private var stopped = false
    private var ended = false
    private var completions: [Completion] = []
    /// Documents recorded, to be freed by the pipeline's task (``takeCompleted()``): freeing ten thousand documents is
    /// work this thread, the pipeline's slowest, need not do.
    private var recorded: [[DetectedDocument]] = []
    private var failure: (any Error)?
    private var spaceWaiter: CheckedContinuation<Void, Never>?
    private var endWaiter: CheckedContinuation<Void, Never>?

    /// Documents to a transaction (at least one, whatever the ingestor says).
    private let batchSize: Int
    /// Copies the log after each commit, started and finished by the writer's thread.
    private let checkpointer: LogCheckpointer

    /// - Parameters:
    ///   - recordedInRun: started (``RecordedInRun/start(_:)``) before any core read the timeline.
    ///   - checkpointer: of the ingestor's timeline, not started.
    init(
        ingestor: Ingestor, claims: ContentClaims, recordedInRun: RecordedInRun, checkpointer: LogCheckpointer,
        maximumWait: Duration
    ) {
        self.ingestor = ingestor
        self.checkpointer = checkpointer
        self.claims = claims
        self.recordedInRun = recordedInRun
        self.maximumWait = maximumWait
        batchSize = max(1, ingestor.batchSize)
        backlog = batchSize
    }

    /// Starts the thread. Every writer started must be closed or stopped before its pipeline returns.
    func start() {
        let thread = Thread { [self] in run() }
        // The detector may read a copy again on this thread (``Ingestor/read(_:of:)``): give it a main thread's stack.
        thread.stackSize = 8 << 20
        thread.name = "selfbuy-writer"
        thread.start()
    }

    /// Hands in a source's documents; suspends while the backlog is full.
    func hand(_ chunk: Chunk) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            queue.append(chunk)
            queuedDocuments += chunk.documents.count
            condition.signal()
            if queuedDocuments > backlog && !ended {
                spaceWaiter = continuation
                condition.unlock()
            } else {
                condition.unlock()
                continuation.resume()
            }
        }
    }

    /// The sources committed since the last call, in input order, and the error that stopped the writer, if any.
    func takeCompleted() -> (completed: [Completion], failure: (any Error)?) {
        condition.lock()
        let completed = completions
        completions.removeAll(keepingCapacity: true)
        let failure = failure
        let freed = recorded
        recorded.removeAll(keepingCapacity: true)
        condition.unlock()
        // The recorded documents are freed here, on the caller's thread, once `freed` goes.
        withExtendedLifetime(freed) {}
        return (completed, failure)
    }

    /// Hands documents over to be freed by the pipeline's task.
    private func release(_ documents: inout [DetectedDocument]) {
        guard !documents.isEmpty else { return }
        condition.lock()
        recorded.append(documents)
        condition.unlock()
        documents = []
    }

    /// No more sources: waits until every one handed in is committed or the writer failed.
    func close() async { await end(stopping: false) }

    /// Waits until the open transaction is committed, recording nothing more.
    func stop() async { await end(stopping: true) }

    private func end(stopping: Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            closed = true
            if stopping { stopped = true }
            condition.broadcast()
            if ended {
                condition.unlock()
                continuation.resume()
            } else {
                endWaiter = continuation
                condition.unlock()
            }
        }
    }

    // MARK: The writer's thread

    private func run() {
        if let ingestor = ingestor.take() { record(with: ingestor) }
        condition.lock()
        ended = true
        let waiters = (spaceWaiter, endWaiter)
        spaceWaiter = nil
        endWaiter = nil
        condition.unlock()
        waiters.0?.resume()
        waiters.1?.resume()
    }

    /// Records sources until the writer is closed or stopped, or fails.
    private func record(with ingestor: Ingestor) {
        // A checkpoint copies the log into the database and syncs both files (10 to 20 ms on a virtual disk): on this
        // thread, which the cores wait for, SQLite's default made one every 1,000 pages (4 MB), about every other
        // commit of a bulk ingest. The log is copied after each commit on a thread of its own instead
        // (``LogCheckpointer``), and this thread's own checkpoint waits until the log passes `checkpointPages`.
        let store = ingestor.store
        let automaticCheckpoint = try? store.setAutomaticCheckpoint(pages: Self.checkpointPages)
        defer { if let automaticCheckpoint { _ = try? store.setAutomaticCheckpoint(pages: automaticCheckpoint) } }
        checkpointer.start()
        defer { checkpointer.finish() }
        while waitForWork() {
            var chunks: [Chunk] = []
            do {
                let clock = ContinuousClock()
                let deadline = clock.now + maximumWait
                var outcomes: [[RecordOutcome]] = []
                try store.write { db in
                    try recordedInRun.begin(db)
                    var documents = 0
                    while documents < batchSize, chunks.count < Self.maximumSources,
                        var chunk = take(until: chunks.isEmpty ? nil : deadline, clock: clock)
                    {
                        // Each document is recorded where it lies in the chunk (which only this thread holds), not
                        // copied out of it.
                        let chunkOutcomes = try chunk.documents.indices.map {
                            try TimelineStore.record(db, &chunk.documents[$0], run: recordedInRun)
                        }
                        documents += chunk.documents.count
                        // Recorded documents are freed by the pipeline's task while this thread goes on, unless one
                        // must be read again after the commit (below).
                        if !chunkOutcomes.contains(where: \.unread) { release(&chunk.documents) }
                        outcomes.append(chunkOutcomes)
                        chunks.append(chunk)
                    }
                }
                checkpointer.committed()
                // Copies whose first copy a revision of this transaction replaced are read and recorded now.
                for index in chunks.indices where outcomes[index].contains(where: \.unread) {
                    try ingestor.recordUnread(chunks[index].documents, outcomes: &outcomes[index], run: recordedInRun)
                    release(&chunks[index].documents)
                }
                let completed = zip(chunks, outcomes).map { Completion(index: $0.index, outcomes: $1) }
                if let last = chunks.last { claims.release(through: last.index) }
                chunks.removeAll()
                condition.lock()
                completions += completed
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
                break
            }
        }
    }

    /// Waits until a source is handed in (true) or the writer is closed with nothing left, or stopped (false).
    private func waitForWork() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queueStart == queue.count && !closed { condition.wait() }
        return queueStart < queue.count && !stopped
    }

    /// The next source handed in; with a deadline, waits for one until then (nil when it passes, or when the writer is
    /// closed with nothing left or stopped).
    private func take(until deadline: ContinuousClock.Instant?, clock: ContinuousClock) -> Chunk? {
        condition.lock()
        while queueStart == queue.count && !closed && !stopped {
            guard let deadline else { break }
            let left = clock.now.duration(to: deadline)
            guard left > .zero else { break }
            // NSCondition waits on the wall clock: short waits, each measured again on the monotonic one, so that a
            // clock stepped back cannot keep the transaction (and the write lock) open.
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(seconds, 0.1)))
        }
        guard queueStart < queue.count, !stopped else {
            condition.unlock()
            return nil
        }
        let chunk = queue[queueStart]
        queue[queueStart].documents = []
        queueStart += 1
        if queueStart == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        } else if queueStart >= 1024 && queueStart * 2 >= queue.count {
            queue.removeFirst(queueStart)
            queueStart = 0
        }
        queuedDocuments -= chunk.documents.count
        var waiter: CheckedContinuation<Void, Never>?
        if queuedDocuments <= backlog {
            waiter = spaceWaiter
            spaceWaiter = nil
        }
        condition.unlock()
        waiter?.resume()
        return chunk
    }
}
