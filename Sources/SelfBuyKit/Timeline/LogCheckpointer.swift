import Foundation
import GRDB

/// Copies a timeline's write-ahead log into the database on a thread and connection of its own, while a writer goes
/// on committing: a passive checkpoint after each commit it is told of.
///
/// A bulk writer lets the log grow (``PipelineWriter/checkpointPages``), so without this the whole log was copied when
/// the timeline closed: an archive ingest ended with 20 ms in which nothing else ran (the log synced, 5 MB copied, the
/// database synced). Copied here, that work overlaps with the writer's and the cores', and closing copies only what
/// the last commit added. A checkpoint never waits for the writer nor holds it up (`PASSIVE`: it copies what no
/// reader still needs and stops), and it changes no content: another connection's `PRAGMA data_version` stays the same.
///
/// A checkpoint that fails (the file is gone, the disk is full) is not an error of the run: the log stays as it was,
/// and closing the timeline copies it as before.
final class LogCheckpointer: @unchecked Sendable {
    private let path: String
    private let condition = NSCondition()
    /// A commit was told of since the last checkpoint began.
    private var pending = false
    private var finishing = false
    private var finished = false
    /// Checkpoints run (``count``).
    private var checkpoints = 0

    /// A checkpointer of the timeline at `path`, not yet started.
    init(path: String) {
        self.path = path
    }

    /// Starts the thread, which opens its connection. Every checkpointer started must be finished.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "selfbuy-checkpoint"
        thread.start()
    }

    /// The writer committed: the log is copied when the checkpoint under way, if any, is done.
    func committed() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Copies what the commits told of added, if not yet copied, and closes the connection.
    func finish() {
        condition.lock()
        finishing = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Checkpoints run so far (tests).
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return checkpoints
    }

    private func run() {
        // The connection lives and dies on this thread: closed before `finish()` returns, so that it is never the
        // timeline's last (whose closing removes the log).
        // A timeline is never created here: a file that is gone is left gone.
        var queue = FileManager.default.fileExists(atPath: path) ? try? DatabaseQueue(path: path) : nil
        while waitForCommit() {
            guard let open = queue else { continue }
            do {
                _ = try open.writeWithoutTransaction { try $0.checkpoint(.passive) }
                condition.lock()
                checkpoints += 1
                condition.unlock()
            } catch {
                // Left to the timeline's closing (see the type's documentation).
                queue = nil
            }
        }
        queue = nil
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until a commit is told of (true) or the checkpointer is finished with no commit left to copy (false).
    private func waitForCommit() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !pending && !finishing { condition.wait() }
        guard pending else { return false }
        pending = false
        return true
    }
}
