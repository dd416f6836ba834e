import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a notification command ended.
public enum NotifyCommandOutcome: Sendable, Equatable {
    case exited(Int32)
    case killed(signal: Int32)
    /// It ran past its time limit and was killed with its process group.
    case timedOut
    case couldNotStart(errno: Int32)
}

/// Runs `/bin/sh -c COMMAND` with a text on its standard input, without ever blocking a Swift concurrency thread and
/// without letting the command harm selfbuy.
///
/// - The command gets its own process group, so a time limit (or shutdown) ends it and everything it started.
/// - The input is written, and the exit awaited, on a thread of its own with SIGPIPE blocked: a command that exits
///   without reading (`true`) makes the write fail with EPIPE instead of killing selfbuy.
/// - The child starts with default signal dispositions and an empty mask, whatever selfbuy ignores.
enum NotifyCommand {
    static func run(_ command: String, input: String, timeout: TimeInterval) async -> NotifyCommandOutcome {
        await runMeasured(command, input: input, timeout: timeout).outcome
    }

    /// ``run(_:input:timeout:)``, with how long the command lived (from its start until it was reaped), measured on
    /// the thread that waits for it: what a caller observes afterwards also includes waiting for a free thread.
    static func runMeasured(_ command: String, input: String, timeout: TimeInterval) async -> (
        outcome: NotifyCommandOutcome, lifetime: TimeInterval
    ) {
        let started = Date()
        let child: SpawnedChild
        switch SpawnedChild.spawn(command) {
        case .failure(let error): return (.couldNotStart(errno: error.code), 0)
        case .success(let spawned): child = spawned
        }
        // The time limit runs on a thread of its own, so it fires on time even when every Swift concurrency thread
        // and Dispatch's pool are busy.
        let alarm = Alarm(after: max(0, timeout)) {
            child.markTimedOut()
            child.signalGroup(SIGTERM)
        } then: {
            child.signalGroup(SIGKILL)
        }
        let (status, reaped) = await withTaskCancellationHandler {
            await child.finish(writing: Array((input + "\n").utf8))
        } onCancel: {
            child.signalGroup(SIGKILL)
        }
        alarm.cancel()
        let lifetime = reaped.timeIntervalSince(started)
        if child.timedOut { return (.timedOut, lifetime) }
        if status & 0x7f == 0 { return (.exited((status >> 8) & 0xff), lifetime) }
        return (.killed(signal: status & 0x7f), lifetime)
    }
}

/// Runs `first` after a delay, then `second` two seconds later, on a thread of its own, unless cancelled first.
final class Alarm: @unchecked Sendable {
    private let condition = NSCondition()
    private var cancelled = false

    init(
        after seconds: TimeInterval, _ first: @escaping @Sendable () -> Void,
        then second: @escaping @Sendable () -> Void
    ) {
        let start = Date()
        let thread = Thread { [self] in
            for (delay, action) in [(seconds, first), (seconds + 2, second)] {
                let deadline = start.addingTimeInterval(delay)
                condition.lock()
                while !cancelled, condition.wait(until: deadline) {}
                let fire = !cancelled
                condition.unlock()
                guard fire else { return }
                action()
            }
        }
        thread.start()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.signal()
        condition.unlock()
    }
}

/// A `/bin/sh -c` child in its own process group, with the write end of its standard input.
final class SpawnedChild: @unchecked Sendable {
    let pid: pid_t
    private let input: Int32
    private let lock = NSLock()
    private var exited = false
    private var expired = false

    private init(pid: pid_t, input: Int32) {
        self.pid = pid
        self.input = input
    }

    struct SpawnError: Error {
        var code: Int32
    }

    static func spawn(_ command: String) -> Result<SpawnedChild, SpawnError> {
        var pipeEnds: [Int32] = [-1, -1]
        // A socket pair made close-on-exec atomically: neither end may leak into a child another thread spawns in the
        // meantime (a `pipe` then `fcntl` leaves a window in which, say, a concurrent `sleep 30` inherits the write
        // end and the command never sees the end of its input). The dup onto standard input clears the flag there.
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &pipeEnds) == 0 else { return .failure(SpawnError(code: errno)) }
        // The command only reads: its end cannot write back.
        _ = shutdown(pipeEnds[0], Int32(SHUT_WR))
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], STDIN_FILENO)
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGHUP, SIGTERM, SIGINT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(pipeEnds[0])
        guard code == 0 else {
            close(pipeEnds[1])
            return .failure(SpawnError(code: code))
        }
        return .success(SpawnedChild(pid: pid, input: pipeEnds[1]))
    }

    var timedOut: Bool { lock.withLock { expired } }

    /// Marks the command as past its limit, unless it has already exited (under load the exit may be waiting for a
    /// thread to report it when the limit fires: a finished command is never called timed out).
    func markTimedOut() { lock.withLock { if !exited { expired = true } } }

    /// Signals the child's process group while the child has not been reaped (its id cannot have been reused).
    func signalGroup(_ signal: Int32) {
        lock.withLock {
            if !exited { _ = kill(-pid, signal) }
        }
    }

    /// Writes the input (ignoring a reader that went away), closes it, and waits for the exit; returns the raw wait
    /// status and when the command was reaped.
    func finish(writing bytes: [UInt8]) async -> (Int32, Date) {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &blocked, nil)
                _ = DescriptorWriter.write(bytes, to: input)
                close(input)
                // Wait without reaping, so that the group id cannot be reused yet: a command stopped for its time
                // limit may leave children that escaped the first signal (forked at that moment); they go too.
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
                // Exited: from now on the time limit no longer applies.
                let late = lock.withLock { () -> Bool in
                    exited = true
                    return expired
                }
                if late { _ = kill(-pid, SIGKILL) }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                lock.withLock { exited = true }
                continuation.resume(returning: (status, Date()))
            }
            thread.start()
        }
    }
}
