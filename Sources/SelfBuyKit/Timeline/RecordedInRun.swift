import Foundation
import GRDB

/// What one writer has recorded during an ingest run, so that what a core found missing from the timeline when it
/// read a source (``DetectedDocument/absentWhenRead``) spares the writer looking again.
///
/// A core reads the timeline (a snapshot of it) before it detects a source, and the writer records the source later.
/// A text that no current document held at the snapshot is still held by none when the writer records it unless, in
/// between,
/// - this writer recorded a document with the same text: it keeps the texts (and URLs) it has recorded in the run,
///   by hash value, so that a collision only costs the look-up;
/// - or another connection committed: `PRAGMA data_version` on the writer's connection, read once before any core's
///   snapshot (``start(_:)``) and again at each of the writer's transactions (``begin(_:)``), tells it, and the writer
///   looks everything up from then on.
///
/// The same holds for a URL at which no document was current. A revision only makes a document no longer current, so
/// it never makes an absence false.
///
/// ``start(_:)`` may be called from any thread; everything else is called by the writer's thread only.
final class RecordedInRun: @unchecked Sendable {
    private let lock = NSLock()
    private var baseline: Int64?
    /// Set by the first transaction that finds the data version unchanged; cleared for good by one that does not.
    private var trusted = false
    private var spoiled = false
    private var texts: Set<Int> = []
    private var urls: Set<Int> = []
    /// Texts kept at most (about 50 MB with their URLs); past it, the writer looks everything up.
    let capacity: Int

    init(capacity: Int = 1 << 21) {
        self.capacity = capacity
    }

    /// Reads the writer connection's data version, the first time only: call it before each core reads the timeline.
    func start(_ store: TimelineStore) throws {
        lock.lock()
        defer { lock.unlock() }
        guard baseline == nil else { return }
        baseline = try store.dataVersion()
    }

    /// At the start of each of the writer's transactions: a commit by another connection since ``start(_:)`` ends
    /// the trust in absences for the rest of the run.
    func begin(_ db: Database) throws {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
        lock.lock()
        defer { lock.unlock() }
        if baseline == nil || version != baseline { spoiled = true }
        trusted = !spoiled
    }

    /// Look-ups the writer was spared (read by tests once the run is over).
    private(set) var spared = 0

    /// Whether a text found absent when read (`absent`) is still absent: nothing in the timeline holds it.
    func isNew(text contentHash: String, absent: Bool) -> Bool {
        guard absent && trusted && !texts.contains(ContentKey.prefix(of: contentHash)) else { return false }
        spared += 1
        return true
    }

    /// Whether a URL at which no document was current when read (`absent`) still has none.
    func isFree(url normalizedURL: String, absent: Bool) -> Bool {
        guard absent && trusted && !urls.contains(normalizedURL.hashValue) else { return false }
        spared += 1
        return true
    }

    /// Notes a document the writer recorded.
    func recorded(text contentHash: String, url normalizedURL: String) {
        guard trusted else { return }
        guard texts.count < capacity else {
            spoiled = true
            trusted = false
            texts = []
            urls = []
            return
        }
        texts.insert(ContentKey.prefix(of: contentHash))
        urls.insert(normalizedURL.hashValue)
    }
}
