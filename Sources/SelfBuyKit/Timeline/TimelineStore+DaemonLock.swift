import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Another daemon polls the same timeline.
public struct DaemonLockError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// The first daemon's process id, as it wrote it into the lock file (nil when unreadable).
    public var pid: Int32?
    /// Why the lock file could not be used at all, when that was the problem.
    public var problem: String?

    public var description: String {
        if let problem { return "\(path): cannot take the daemon lock: \(problem)" }
        let holder = pid.map { "pid \($0)" } ?? "another process"
        return "\(path): another selfbuy daemon (\(holder)) is already polling this timeline; stop it first"
    }
}

/// An advisory `flock` held for a daemon's lifetime on `<timeline>.daemon.lock`, which holds its process id: a
/// second daemon on the same timeline would poll every feed twice and race the first for feed state. The kernel
/// releases the lock when the process ends, however it ends; the file itself stays.
public final class DaemonLock: Sendable {
    public let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DaemonLockError(path: path, pid: nil, problem: String(cString: strerror(errno)))
        }
        var result = flock(descriptor, LOCK_EX | LOCK_NB)
        while result != 0 && errno == EINTR { result = flock(descriptor, LOCK_EX | LOCK_NB) }
        guard result == 0 else {
            let code = errno
            let holder = Self.recordedPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw DaemonLockError(path: path, pid: holder, problem: nil) }
            throw DaemonLockError(path: path, pid: nil, problem: String(cString: strerror(code)))
        }
        let line = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}

extension TimelineStore {
    /// Takes the daemon lock of this timeline, held until the returned value is released.
    ///
    /// - Throws: ``DaemonLockError`` naming the daemon that holds it.
    public func lockForDaemon() throws -> DaemonLock {
        try DaemonLock(path: path + ".daemon.lock")
    }
}
