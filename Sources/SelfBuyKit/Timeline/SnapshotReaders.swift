import Foundation
import GRDB

/// Connections of a timeline that a bulk ingest's cores read their snapshots through, one core to a connection at a
/// time, taken from and given back to a list under a lock held for a few instructions.
///
/// GRDB's reader pool hands its connections out under a dispatch queue taken as a barrier; with both cores asking
/// for one while a dispatch thread was busy, a core now and then slept on it for milliseconds (once 44 ms of an
/// archive ingest's 230 under `perf sched`). A connection is opened when none is free (so at most one a core) and all
/// are closed by ``close()``, before the timeline's own connections: none of them is ever the last to close.
final class SnapshotReaders: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var free: [DatabaseQueue] = []
    private var closed = false
    /// Connections opened (tests).
    private(set) var opened = 0

    init(path: String) {
        self.path = path
    }

    /// Runs `body` in a read transaction of a connection of its own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        let taken = free.popLast()
        lock.unlock()
        let queue = try taken ?? open()
        defer { giveBack(queue) }
        return try queue.read(body)
    }

    /// Closes the connections and opens no more: a read after this uses a connection it closes again.
    func close() {
        lock.lock()
        closed = true
        let connections = free
        free.removeAll()
        lock.unlock()
        // Closed here, outside the lock, as they are let go.
        withExtendedLifetime(connections) {}
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        lock.lock()
        opened += 1
        lock.unlock()
        return queue
    }

    private func giveBack(_ queue: DatabaseQueue) {
        lock.lock()
        if !closed { free.append(queue) }
        lock.unlock()
    }
}
